package dev.kiln.attest.provenance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.image.Digest;
import dev.kiln.image.Json;

import java.io.IOException;

/** in-toto Statement v1: {@code _type}, one subject (name and digest), {@code predicateType}; the predicate is the caller's. */
public final class InTotoStatement {
    public static final String TYPE = "https://in-toto.io/Statement/v1";

    private InTotoStatement() {}

    static ObjectNode head(String subjectName, Digest subject, String predicateType) {
        ObjectNode st = Json.mapper().createObjectNode();
        st.put("_type", TYPE);
        ObjectNode s = st.putArray("subject").addObject();
        s.put("name", subjectName);
        s.putObject("digest").put(subject.algorithm(), subject.hex());
        st.put("predicateType", predicateType);
        return st;
    }

    /** A statement whose predicate is a JSON document (an SBOM, for cosign's signed attestations). */
    public static byte[] around(String subjectName, Digest subject, String predicateType, byte[] predicateJson) throws IOException {
        ObjectNode st = head(subjectName, subject, predicateType);
        st.set("predicate", Json.mapper().readTree(predicateJson));
        return Json.write(st);
    }
}
