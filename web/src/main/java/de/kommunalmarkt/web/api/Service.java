package de.kommunalmarkt.web.api;

/** The three services whose REST APIs the pages call; each base URL is a setting (web.SERVICE-url). */
public enum Service {
    CATALOG("web.catalog-url"),
    LICENSING("web.licensing-url"),
    BILLING("web.billing-url");

    final String urlSetting;

    Service(String urlSetting) {
        this.urlSetting = urlSetting;
    }
}
