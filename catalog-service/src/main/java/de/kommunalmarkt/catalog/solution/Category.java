package de.kommunalmarkt.catalog.solution;

/** The catalog's fields of municipal work; a solution belongs to one, adopters filter by it. */
public enum Category {
    MOBILITY,
    PARTICIPATION,
    CITIZEN_SERVICES,
    ADMINISTRATION,
    ENVIRONMENT_AND_CLIMATE,
    ENERGY,
    URBAN_DATA,
    EDUCATION,
    HEALTH_AND_SOCIAL,
    PUBLIC_SAFETY,
    TOURISM_AND_CULTURE,
    INFRASTRUCTURE
}
