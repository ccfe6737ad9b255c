package de.kommunalmarkt.billing.payment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * An ISO 20022 bank-to-customer statement (camt.053.001.02 and later versions: the elements read here
 * kept their names across versions, so they are found by local name within the document's namespace).
 * Parsed without DTDs, external entities or XInclude: a document declaring a DOCTYPE is refused.
 */
public record Camt053Statement(String accountIban, List<Entry> entries) {

    /** The namespaces of every version: {@code urn:iso:std:iso:20022:tech:xsd:camt.053.001.NN}. */
    private static final Pattern NAMESPACE = Pattern.compile("urn:iso:std:iso:20022:tech:xsd:camt\\.053\\.001\\.\\d{2}");
    private static final Pattern INVOICE_NUMBER = Pattern.compile("KM-\\d{4}-\\d{6}");

    /**
     * One entry ({@code Ntry}): {@code reference} is the account servicer's reference, else the entry
     * reference; {@code credit} for CdtDbtInd CRDT; {@code booked} unless its status says otherwise
     * (PDNG, INFO); {@code remittance} the unstructured and structured remittance information and the
     * additional entry information, as found.
     */
    public record Entry(String reference, BigDecimal amount, String currency, boolean credit, boolean booked,
            boolean reversal, LocalDate bookedOn, String debtorName, List<String> remittance) {

        /** The invoice numbers named in the remittance information, each once, in order. */
        public Set<String> invoiceNumbers() {
            Set<String> numbers = new LinkedHashSet<>();
            for (String text : remittance) {
                Matcher matcher = INVOICE_NUMBER.matcher(text);
                while (matcher.find()) {
                    numbers.add(matcher.group());
                }
            }
            return numbers;
        }
    }

    /** The document is not a readable camt.053 statement; the message says why. */
    public static final class UnreadableStatementException extends RuntimeException {
        UnreadableStatementException(String message) {
            super(message);
        }
    }

    public static Camt053Statement parse(byte[] xml) {
        Document document;
        try {
            DocumentBuilder builder = secureFactory().newDocumentBuilder();
            // no error output on stderr: the exception carries the message
            builder.setErrorHandler(new DefaultHandler());
            document = builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXException e) {
            throw new UnreadableStatementException("not well-formed XML or it declares a DTD: " + e.getMessage());
        } catch (IOException | ParserConfigurationException e) {
            throw new UnreadableStatementException("not readable: " + e.getMessage());
        }
        Element root = document.getDocumentElement();
        String namespace = root.getNamespaceURI();
        if (!"Document".equals(root.getLocalName()) || namespace == null || !NAMESPACE.matcher(namespace).matches()) {
            throw new UnreadableStatementException("not an ISO 20022 camt.053 document (root element " + root.getTagName()
                    + " in namespace " + namespace + ")");
        }
        Element statement = child(root, "BkToCstmrStmt").flatMap(s -> child(s, "Stmt"))
                .orElseThrow(() -> new UnreadableStatementException("no BkToCstmrStmt/Stmt"));
        String iban = child(statement, "Acct").flatMap(a -> child(a, "Id")).flatMap(i -> child(i, "IBAN"))
                .map(Camt053Statement::text)
                .orElseThrow(() -> new UnreadableStatementException("the statement names no account IBAN (Stmt/Acct/Id/IBAN)"));
        List<Entry> entries = new ArrayList<>();
        int position = 0;
        for (Element entry : children(statement, "Ntry")) {
            position++;
            entries.add(entry(entry, position));
        }
        return new Camt053Statement(iban, entries);
    }

    private static Entry entry(Element ntry, int position) {
        String where = "entry " + position + ": ";
        String reference = child(ntry, "AcctSvcrRef").or(() -> child(ntry, "NtryRef")).map(Camt053Statement::text)
                .filter(text -> !text.isEmpty())
                .orElseThrow(() -> new UnreadableStatementException(where + "neither AcctSvcrRef nor NtryRef; without a "
                        + "reference an entry could be booked twice"));
        if (reference.length() > 140) {
            throw new UnreadableStatementException(where + "reference longer than 140 characters");
        }
        Element amountElement = child(ntry, "Amt").orElseThrow(() -> new UnreadableStatementException(where + "no Amt"));
        BigDecimal amount;
        try {
            amount = new BigDecimal(text(amountElement));
        } catch (NumberFormatException e) {
            throw new UnreadableStatementException(where + "Amt is not a number");
        }
        if (amount.signum() <= 0 || amount.scale() > 2 || amount.precision() - amount.scale() > 12) {
            throw new UnreadableStatementException(where + "Amt must be positive with at most 2 decimals");
        }
        String currency = amountElement.getAttribute("Ccy");
        if (!currency.matches("[A-Z]{3}")) {
            throw new UnreadableStatementException(where + "Amt without a currency code (Ccy)");
        }
        String direction = child(ntry, "CdtDbtInd").map(Camt053Statement::text)
                .orElseThrow(() -> new UnreadableStatementException(where + "no CdtDbtInd"));
        // camt.053.001.02 writes <Sts>BOOK</Sts>, later versions <Sts><Cd>BOOK</Cd></Sts>
        String status = child(ntry, "Sts").map(s -> child(s, "Cd").map(Camt053Statement::text).orElse(text(s))).orElse("BOOK");
        LocalDate bookedOn = child(ntry, "BookgDt").or(() -> child(ntry, "ValDt")).map(d -> date(d, where))
                .orElseThrow(() -> new UnreadableStatementException(where + "neither BookgDt nor ValDt"));
        List<String> remittance = new ArrayList<>();
        String debtor = null;
        for (Element details : descendants(ntry, "TxDtls")) {
            for (Element info : descendants(details, "RmtInf")) {
                descendants(info, "Ustrd").forEach(u -> remittance.add(text(u)));
                // structured: the creditor reference (CdtrRefInf/Ref) and the referred document's number (RfrdDocInf/Nb)
                descendants(info, "Ref").forEach(r -> remittance.add(text(r)));
                descendants(info, "Nb").forEach(n -> remittance.add(text(n)));
            }
            if (debtor == null) {
                debtor = child(details, "RltdPties").flatMap(p -> child(p, "Dbtr"))
                        .flatMap(d -> child(d, "Nm").or(() -> child(d, "Pty").flatMap(p -> child(p, "Nm"))))
                        .map(Camt053Statement::text).orElse(null);
            }
        }
        child(ntry, "AddtlNtryInf").ifPresent(info -> remittance.add(text(info)));
        return new Entry(reference, amount, currency, "CRDT".equals(direction),
                "BOOK".equals(status), child(ntry, "RvslInd").map(r -> "true".equals(text(r))).orElse(false), bookedOn,
                debtor == null || debtor.length() <= 140 ? debtor : debtor.substring(0, 140), remittance);
    }

    private static LocalDate date(Element dateChoice, String where) {
        String value = child(dateChoice, "Dt").or(() -> child(dateChoice, "DtTm")).map(Camt053Statement::text)
                .orElseThrow(() -> new UnreadableStatementException(where + "a date without Dt or DtTm"));
        try {
            return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (DateTimeParseException e) {
            throw new UnreadableStatementException(where + "not a date: " + value);
        }
    }

    private static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        // A DOCTYPE is the door to external entities and entity expansion; statements never need one.
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    private static Optional<Element> child(Element parent, String localName) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static List<Element> descendants(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        var nodes = parent.getElementsByTagNameNS("*", localName);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static String text(Element element) {
        return element.getTextContent().strip();
    }
}
