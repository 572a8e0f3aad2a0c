package dev.kiln.registry;

import dev.kiln.image.Digest;
import dev.kiln.image.History;
import dev.kiln.image.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static dev.kiln.registry.Fixtures.AMD64;
import static org.junit.jupiter.api.Assertions.*;

/** Layers offered while the image is still being built, the manifest only at the end; the permission gate first. */
class PushSessionTest {
    @TempDir Path tmp;
    private final String reg = Fixtures.registry();
    private final Fixtures.Events events = new Fixtures.Events();
    private final RegistryImages images = new RegistryImages(Fixtures.plainHttp(reg), Credentials.NONE, events);

    private Image withLayer(Image base, String name) throws IOException {
        TarGzLayer layer = TarGzLayer.of(tmp, name, Map.of(name + "/f.txt", name + " " + System.nanoTime() + "\n"));
        Image img = base.plusLayer(layer);
        return img.withConfig(img.config().plusHistory(new History("2024-01-02T00:00:00Z", "COPY " + name, null, null, null)));
    }

    @Test
    void offeredLayersArePushedBeforeFinishAndTheManifestOnlyAtFinish() throws Exception {
        Image base = images.pull(Reference.parse(reg + "/busybox:latest"), AMD64).image();
        Image img = withLayer(withLayer(base, "one"), "two");
        Reference dest = Reference.parse(reg + "/" + Fixtures.repo("session") + ":1");
        RegistryClient client = images.pushClient();
        try (PushSession s = images.pushSession(List.of(dest), PushGate.OPEN)) {
            Digest early = img.layers().get(1).descriptor().digest();
            s.offer(img.layers().get(1));
            s.offer(img.layers().get(1)); // offered twice, pushed once
            for (int i = 0; i < 200 && !client.blobExists(reg, dest.repository(), early); i++) Thread.sleep(50);
            assertTrue(client.blobExists(reg, dest.repository(), early), "an offered layer is pushed before finish");
            assertThrows(IOException.class, () -> images.pull(dest, AMD64), "no manifest before finish");
            Map<Reference, Digest> out = s.finish(img);
            assertEquals(img.manifestBlob().descriptor().digest(), out.get(dest));
        }
        assertEquals(img.manifestBlob().descriptor().digest(), images.pull(dest, AMD64).manifestDigest());
        assertEquals(1, events.all.stream().map(dev.kiln.event.Event::message).filter(m -> m.contains(img.layers().get(1).descriptor().digest().hex().substring(0, 12))
                && m.contains("uploaded")).count(), events.toString());
    }

    @Test
    void nothingIsPushedBeforeTheGatePassesAndARefusedCheckFailsClearly() throws Exception {
        Image img = withLayer(images.pull(Reference.parse(reg + "/busybox:latest"), AMD64).image(), "gated");
        Reference dest = Reference.parse(reg + "/" + Fixtures.repo("gated") + ":1");
        CountDownLatch release = new CountDownLatch(1);
        PushGate gate = PushGate.start(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("no push permission for " + dest.name() + " (test)");
        });
        try (PushSession s = images.pushSession(List.of(dest), gate)) {
            s.offer(img.layers().get(1));
            Thread.sleep(300);
            assertFalse(images.pushClient().blobExists(reg, dest.repository(), img.layers().get(1).descriptor().digest()),
                    "nothing is pushed while the permission check runs");
            release.countDown();
            IOException e = assertThrows(IOException.class, () -> s.finish(img));
            assertTrue(e.getMessage().contains("no push permission for " + dest.name()), e.getMessage());
            assertThrows(IOException.class, s::failIfFailed);
        }
        assertFalse(images.pushClient().blobExists(reg, dest.repository(), img.layers().get(1).descriptor().digest()));
        assertThrows(IOException.class, () -> images.pull(dest, AMD64));
    }
}
