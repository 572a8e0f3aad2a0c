package dev.kiln.attest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.image.Digest;
import dev.kiln.image.Json;

import java.io.IOException;

/** in-toto Statement v1 around a predicate document (an SBOM, for cosign's signed attestations). */
final class InToto {
    static final String STATEMENT = "https://in-toto.io/Statement/v1";

    private InToto() {}

    static byte[] statement(String subjectName, Digest subject, String predicateType, byte[] predicateJson) throws IOException {
        ObjectNode st = Json.mapper().createObjectNode();
        st.put("_type", STATEMENT);
        ObjectNode s = st.putArray("subject").addObject();
        s.put("name", subjectName);
        s.putObject("digest").put(subject.algorithm(), subject.hex());
        st.put("predicateType", predicateType);
        st.set("predicate", Json.mapper().readTree(predicateJson));
        return Json.write(st);
    }
}
