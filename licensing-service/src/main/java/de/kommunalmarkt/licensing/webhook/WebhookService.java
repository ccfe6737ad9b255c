package de.kommunalmarkt.licensing.webhook;

import de.kommunalmarkt.common.paging.PageParams;
import de.kommunalmarkt.common.paging.PageResult;
import de.kommunalmarkt.common.problem.ProblemException;
import de.kommunalmarkt.licensing.LicensingConfig;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** An operator's webhook: registration (a new secret each time) and its delivery log. */
@ApplicationScoped
public class WebhookService {

    private final EntityManager em;
    private final WebhookDeliveryRepository deliveries;
    private final LicensingConfig.Webhooks config;

    public WebhookService(EntityManager em, WebhookDeliveryRepository deliveries, LicensingConfig config) {
        this.em = em;
        this.deliveries = deliveries;
        this.config = config.webhooks();
    }

    /**
     * Registers the operator's endpoint, or moves it, with a new signing secret: returned here and never
     * again. Deliveries not yet made go to the new endpoint, signed with the new secret.
     */
    @Transactional
    public WebhookView register(String operatorId, String url) {
        URI endpoint = WebhookUrl.check(url, config.allowHttpLoopback());
        String secret = WebhookSignature.newSecret();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        em.createNativeQuery("""
                insert into operator_webhook (operator_id, url, secret, registered_at) values (?1, ?2, ?3, ?4)
                on conflict (operator_id) do update set url = excluded.url, secret = excluded.secret,
                    registered_at = excluded.registered_at""")
                .setParameter(1, operatorId).setParameter(2, endpoint.toString()).setParameter(3, secret).setParameter(4, now)
                .executeUpdate();
        return new WebhookView(endpoint.toString(), now, secret);
    }

    /**
     * Whether the operator follows its deployment events on a webhook of its own (then it is not also
     * told of a new request by e-mail); in the caller's transaction.
     */
    public boolean isRegistered(String operatorId) {
        return em.find(OperatorWebhook.class, operatorId) != null;
    }

    /** The operator's webhook without its secret; 404 when it has none. */
    public WebhookView get(String operatorId) {
        OperatorWebhook webhook = em.find(OperatorWebhook.class, operatorId);
        if (webhook == null) {
            throw ProblemException.notFound("Webhook of operator", operatorId);
        }
        return new WebhookView(webhook.url, webhook.registeredAt, null);
    }

    /** The operator's deliveries, newest first. */
    public PageResult<WebhookDeliveryView> deliveries(String operatorId, PageParams page) {
        var query = deliveries.find("operatorId", Sort.descending("id"), operatorId).page(Page.of(page.page, page.size));
        return PageResult.of(query.list().stream().map(WebhookDeliveryView::of).toList(), page, query.count());
    }
}
