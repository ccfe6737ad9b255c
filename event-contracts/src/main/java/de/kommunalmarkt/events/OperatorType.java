package de.kommunalmarkt.events;

/** Who runs a solution for an adopter (docs/DOMAIN.md, section "Operator"). */
public enum OperatorType {
    /** Eigenbetrieb: the municipality runs it itself. */
    SELF_OPERATED,
    /** Kommunaler IT-Dienstleister. */
    REGIONAL_IT_PROVIDER,
    PRIVATE_IT_PROVIDER,
    CIVIL_SOCIETY
}
