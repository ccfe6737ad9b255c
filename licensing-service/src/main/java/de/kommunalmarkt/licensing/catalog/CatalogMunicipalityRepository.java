package de.kommunalmarkt.licensing.catalog;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class CatalogMunicipalityRepository implements PanacheRepositoryBase<CatalogMunicipality, String> {
}
