package de.kommunalmarkt.billing.invoice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kommunalmarkt.billing.view.Contract;
import de.kommunalmarkt.billing.view.ContractRepository;
import de.kommunalmarkt.events.PlanTerms;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The contracts a document's lines refer to, with the VAT exemption reason of each that has one. */
public record LineContracts(Map<Long, Contract> contracts, Map<Long, String> exemptionReasons) {

    public static LineContracts load(ContractRepository repository, ObjectMapper json, Collection<Long> ids) {
        Map<Long, Contract> contracts = repository.list("id in ?1", ids.stream().distinct().toList()).stream()
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

    public Contract of(long contractId) {
        return contracts.get(contractId);
    }

    public String exemptionReason(long contractId) {
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
