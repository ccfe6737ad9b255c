package de.kommunalmarkt.billing.invoice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.view.Contract;
import de.kommunalmarkt.billing.view.ContractRepository;
import de.kommunalmarkt.events.PlanTerms;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The contracts a document's licence lines refer to, with the VAT exemption reason of each that has one. */
public record LineContracts(Map<Long, Contract> contracts, Map<Long, String> exemptionReasons) {

    public static LineContracts load(ContractRepository repository, ObjectMapper json, Collection<Long> ids) {
        List<Long> wanted = ids.stream().filter(Objects::nonNull).distinct().toList();
        if (wanted.isEmpty()) {
            return new LineContracts(Map.of(), Map.of());
        }
        Map<Long, Contract> contracts = repository.list("id in ?1", wanted).stream()
                .collect(Collectors.toMap(contract -> contract.id, Function.identity()));
        Map<Long, String> reasons = new HashMap<>();
        contracts.values().forEach(contract -> {
            String reason = terms(json, contract).vatExemptionReason();
            if (reason != null) {
                reasons.put(contract.id, reason);
            }
        });
        return new LineContracts(contracts, reasons);
    }

    public Contract of(Long contractId) {
        return contracts.get(contractId);
    }

    public String exemptionReason(Long contractId) {
        return exemptionReasons.get(contractId);
    }

    public static PlanTerms terms(ObjectMapper json, Contract contract) {
        try {
            return json.readValue(contract.terms, PlanTerms.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("terms of contract " + contract.id + " are not readable", e);
        }
    }
}
