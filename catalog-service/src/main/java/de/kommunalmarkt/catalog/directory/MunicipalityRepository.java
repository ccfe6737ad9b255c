package de.kommunalmarkt.catalog.directory;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class MunicipalityRepository implements PanacheRepositoryBase<Municipality, String> {

    /** Municipalities whose name contains the text (case-insensitive) or whose AGS starts with it. */
    public List<Municipality> search(String text, Page page) {
        return matching(text).page(page).list();
    }

    public long countMatching(String text) {
        return matching(text).count();
    }

    private io.quarkus.hibernate.orm.panache.PanacheQuery<Municipality> matching(String text) {
        if (text == null || text.isBlank()) {
            return findAll(Sort.by("name").and("ags"));
        }
        String needle = text.strip().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return find("lower(name) like ?1 escape '\\' or ags like ?2 escape '\\'", Sort.by("name").and("ags"),
                "%" + needle + "%", needle + "%");
    }
}
