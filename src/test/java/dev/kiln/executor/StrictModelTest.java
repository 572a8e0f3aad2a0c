package dev.kiln.executor;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The recipe validator rejects what the Kubernetes API server would: misspelt fields and wrong types. */
class StrictModelTest {
    @TempDir Path tmp;

    private Path job(String containerExtra) throws Exception {
        return Files.writeString(tmp.resolve("job.yaml"), """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: x}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                        - name: kiln
                          image: example/kiln
                %s""".formatted(containerExtra));
    }

    @Test
    void acceptsAValidJob() throws Exception {
        assertEquals("kiln", StrictModel.read(job("          args: [--no-push]\n"), Job.class)
                .getSpec().getTemplate().getSpec().getContainers().getFirst().getName());
    }

    @Test
    void rejectsAMisspeltField() throws Exception {
        Path f = job("          volumeMount: [{name: a, mountPath: /a}]\n");
        AssertionError e = assertThrows(AssertionError.class, () -> StrictModel.read(f, Job.class));
        assertTrue(e.getMessage().contains("volumeMount"), e.getMessage());
    }

    @Test
    void rejectsAWrongType() throws Exception {
        Path f = job("          securityContext: {allowPrivilegeEscalation: {no: 1}}\n");
        assertThrows(Exception.class, () -> StrictModel.read(f, Job.class));
    }
}
