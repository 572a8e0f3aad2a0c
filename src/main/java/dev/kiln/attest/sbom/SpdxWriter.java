package dev.kiln.attest.sbom;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.image.Json;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SPDX 2.3 JSON (written against SPDX's JSON schema): the image as the described package, each found package
 * CONTAINED by it with its purl as an external reference, its declared licence and, in {@code sourceInfo}, the file
 * and the layer it came from.
 */
final class SpdxWriter {
    private SpdxWriter() {}

    static byte[] write(SbomSubject s, ImageScanner.Result scan) throws IOException {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("spdxVersion", "SPDX-2.3");
        doc.put("dataLicense", "CC0-1.0");
        doc.put("SPDXID", "SPDXRef-DOCUMENT");
        doc.put("name", s.name());
        doc.put("documentNamespace", "urn:uuid:" + s.uuid());
        ObjectNode info = doc.putObject("creationInfo");
        info.put("created", DateTimeFormatter.ISO_INSTANT.format(s.created().truncatedTo(ChronoUnit.SECONDS)));
        info.putArray("creators").add("Tool: kiln-" + s.toolVersion());
        ArrayNode packages = doc.putArray("packages");
        ArrayNode rels = doc.putArray("relationships");
        ObjectNode image = packages.addObject();
        image.put("SPDXID", "SPDXRef-image");
        image.put("name", s.name());
        image.put("versionInfo", s.configDigest().toString());
        image.put("downloadLocation", "NOASSERTION");
        image.put("filesAnalyzed", false);
        image.put("primaryPackagePurpose", "CONTAINER");
        relationship(rels, "SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-image");
        Map<String, String> extracted = new LinkedHashMap<>();
        List<SbomPackage> ps = scan.packages();
        for (int i = 0; i < ps.size(); i++) {
            SbomPackage p = ps.get(i);
            String id = "SPDXRef-Package-" + p.record().ecosystem().purlType() + "-" + i;
            ObjectNode n = packages.addObject();
            n.put("SPDXID", id);
            n.put("name", p.record().name());
            if (!p.record().version().isEmpty()) n.put("versionInfo", p.record().version());
            n.put("downloadLocation", "NOASSERTION");
            n.put("filesAnalyzed", false);
            n.put("licenseConcluded", "NOASSERTION");
            n.put("licenseDeclared", declared(p.record().licenses(), extracted));
            n.put("copyrightText", "NOASSERTION");
            n.put("sourceInfo", "found in /" + p.path() + " (layer " + p.layerIndex() + ", " + p.layer() + ")");
            n.put("primaryPackagePurpose", p.record().ecosystem().isOs() ? "OPERATING_SYSTEM" : "LIBRARY");
            if (p.record().purl() != null) {
                ObjectNode ref = n.putArray("externalRefs").addObject();
                ref.put("referenceCategory", "PACKAGE-MANAGER");
                ref.put("referenceType", "purl");
                ref.put("referenceLocator", p.record().purl());
            }
            relationship(rels, "SPDXRef-image", "CONTAINS", id);
        }
        if (!extracted.isEmpty()) {
            ArrayNode ex = doc.putArray("hasExtractedLicensingInfos");
            extracted.forEach((text, ref) -> {
                ObjectNode e = ex.addObject();
                e.put("licenseId", ref);
                e.put("extractedText", text);
                e.put("name", text);
            });
        }
        return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
    }

    /** The declared licences as one SPDX expression: known ids as they are, free text as {@code LicenseRef-…}. */
    private static String declared(List<String> licenses, Map<String, String> extracted) {
        if (licenses.isEmpty()) return "NOASSERTION";
        StringBuilder sb = new StringBuilder();
        for (String l : licenses) {
            String id = SpdxLicenses.id(l);
            String term = id != null ? id : SpdxLicenses.isExpression(l) ? "(" + l.strip() + ")"
                    : extracted.computeIfAbsent(l, t -> "LicenseRef-" + t.replaceAll("[^A-Za-z0-9.-]+", "-") + "-" + extracted.size());
            if (!sb.isEmpty()) sb.append(" AND ");
            sb.append(term);
        }
        return sb.toString();
    }

    private static void relationship(ArrayNode rels, String from, String type, String to) {
        ObjectNode r = rels.addObject();
        r.put("spdxElementId", from);
        r.put("relationshipType", type);
        r.put("relatedSpdxElement", to);
    }
}
