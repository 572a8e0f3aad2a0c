package dev.kiln.attest.sbom;

import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.json.BomJsonGenerator;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.license.Expression;
import org.cyclonedx.model.metadata.ToolInformation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * CycloneDX 1.6 JSON, written with the CycloneDX Java core library: the image as the metadata component (type
 * container), each found package a component with its purl, declared licences and the properties {@code kiln:path},
 * {@code kiln:layer:index} and {@code kiln:layer:digest} (the diff ID of the layer it came from).
 */
final class CycloneDxWriter {
    private CycloneDxWriter() {}

    static byte[] write(SbomSubject s, ImageScanner.Result scan) throws IOException {
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + s.uuid());
        bom.setVersion(1);
        Metadata meta = new Metadata();
        meta.setTimestamp(Date.from(s.created()));
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName("kiln");
        tool.setVersion(s.toolVersion());
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(tool));
        meta.setToolChoice(tools);
        Component image = new Component();
        image.setType(Component.Type.CONTAINER);
        image.setName(s.name());
        image.setVersion(s.configDigest().toString());
        image.setBomRef("image");
        meta.setComponent(image);
        bom.setMetadata(meta);
        List<Component> components = new ArrayList<>();
        List<SbomPackage> ps = scan.packages();
        for (int i = 0; i < ps.size(); i++) components.add(component(ps.get(i), i));
        bom.setComponents(components);
        try {
            return new BomJsonGenerator(bom, Version.VERSION_16).toJsonString(true).getBytes(StandardCharsets.UTF_8);
        } catch (GeneratorException e) {
            throw new IOException("CycloneDX: cannot write the SBOM: " + e.getMessage(), e);
        }
    }

    private static Component component(SbomPackage p, int i) {
        Component c = new Component();
        c.setType(Component.Type.LIBRARY);
        c.setBomRef("pkg-" + i + "-" + p.record().ecosystem().purlType());
        c.setName(p.record().name());
        if (!p.record().version().isEmpty()) c.setVersion(p.record().version());
        if (p.record().purl() != null) c.setPurl(p.record().purl());
        LicenseChoice lc = licenses(p.record().licenses());
        if (lc != null) c.setLicenses(lc);
        c.setProperties(List.of(property("kiln:package:type", p.record().ecosystem().purlType()),
                property("kiln:path", "/" + p.path()), property("kiln:layer:index", Integer.toString(p.layerIndex())),
                property("kiln:layer:digest", p.layer().toString())));
        return c;
    }

    /** Known SPDX ids as ids, one expression as an expression, anything else by name. */
    private static LicenseChoice licenses(List<String> declared) {
        if (declared.isEmpty()) return null;
        LicenseChoice lc = new LicenseChoice();
        if (declared.size() == 1 && SpdxLicenses.isExpression(declared.getFirst())) {
            lc.setExpression(new Expression(declared.getFirst().strip()));
            return lc;
        }
        for (String l : declared) {
            License license = new License();
            String id = SpdxLicenses.id(l);
            if (id != null) license.setId(id);
            else license.setName(l);
            lc.addLicense(license);
        }
        return lc;
    }

    private static Property property(String name, String value) {
        Property p = new Property();
        p.setName(name);
        p.setValue(value);
        return p;
    }
}
