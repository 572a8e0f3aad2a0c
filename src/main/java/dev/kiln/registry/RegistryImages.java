package dev.kiln.registry;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.image.Descriptor;
import dev.kiln.image.Digest;
import dev.kiln.image.Image;
import dev.kiln.image.ImageConfig;
import dev.kiln.image.Index;
import dev.kiln.image.Json;
import dev.kiln.image.Layer;
import dev.kiln.image.Manifest;
import dev.kiln.image.ManifestFormat;
import dev.kiln.image.MediaTypes;
import dev.kiln.image.Platform;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Images in registries: pull (manifest and config only; layers stream later) and push to many destinations. */
public final class RegistryImages implements AutoCloseable {
    static final int MAX_CONFIG_BYTES = 8 << 20;

    private final RegistryClient pullClient;
    private final RegistryClient pushClient;
    private final EventSink events;

    public RegistryImages(RegistryOptions options, Credentials credentials, EventSink events) {
        this(options, credentials, events, new Schemes());
    }

    private RegistryImages(RegistryOptions options, Credentials credentials, EventSink events, Schemes schemes) {
        this(new RegistryClient(options, Purpose.PULL, credentials, events, schemes),
                new RegistryClient(options, Purpose.PUSH, credentials, events, schemes), events);
    }

    public RegistryImages(RegistryClient pullClient, RegistryClient pushClient, EventSink events) {
        this.pullClient = pullClient;
        this.pushClient = pushClient;
        this.events = events;
    }

    /** Stops both clients' HTTP connections and threads (at the end of a run: what is still in flight fails). */
    @Override
    public void close() {
        pullClient.close();
        pushClient.close();
    }

    public RegistryClient pullClient() { return pullClient; }
    public RegistryClient pushClient() { return pushClient; }

    /** Fetches the manifest (selecting {@code platform} from an index) and the config; downloads no layer. */
    public RemoteImage pull(Reference ref, Platform platform) throws IOException {
        List<Reference> candidates = pullClient.options().mirrors().candidates(ref);
        IOException failure = null;
        for (Reference c : candidates) {
            try {
                RemoteImage img = pullFrom(c, platform);
                if (!c.equals(ref)) events.emit(Event.info("pull", "pulled " + ref + " from mirror " + c.name()));
                return img;
            } catch (java.io.InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                if (candidates.size() == 1) throw e;
                events.emit(Event.warn("pull", "cannot pull " + ref + " from " + (c.equals(ref) ? "" : "mirror ")
                        + c.name() + ": " + e.getMessage()));
                if (failure == null) failure = new IOException("cannot pull " + ref + " from any of "
                        + candidates.stream().map(Reference::name).toList() + ": " + e.getMessage(), e);
                else failure.addSuppressed(e);
            }
        }
        throw failure;
    }

    /**
     * Checks before a build that every destination repository accepts pushes (Kaniko's push permission check);
     * the error names the destination and the registry's answer.
     */
    public void checkPushPermissions(List<Reference> destinations) throws IOException {
        for (Reference d : new java.util.LinkedHashSet<>(destinations.stream().map(r -> r.withTag("latest")).toList())) {
            try {
                pushClient.checkPushPermission(d.registry(), d.repository());
            } catch (java.io.InterruptedIOException e) {
                throw e;
            } catch (RegistryUnreachableException e) {
                throw new IOException("cannot push to " + d.name() + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw denied(d, e);
            }
        }
        events.emit(Event.debug("push", "push permission checked for " + destinations.size() + " destination(s)"));
    }

    private static IOException denied(Reference d, IOException e) {
        return new IOException("no push permission for " + d.name() + " (checked before building;"
                + " --skip-push-permission-check skips this check): " + e.getMessage(), e);
    }

    /** {@link #checkPushPermissions} started now on a virtual thread; blob pushes of a session with this gate wait for it. */
    public PushGate checkPushPermissionsInBackground(List<Reference> destinations) {
        List<Reference> copy = List.copyOf(destinations);
        return PushGate.start(() -> checkPushPermissions(copy));
    }

    private RemoteImage pullFrom(Reference ref, Platform platform) throws IOException {
        ManifestResponse m = pullClient.getManifest(ref);
        if (m.isIndex()) {
            Index index = Json.read(m.bytes(), Index.class);
            Descriptor chosen = index.select(platform).orElseThrow(() -> new IOException("image " + ref
                    + " has no manifest for platform " + platform + "; available: " + available(index)));
            m = pullClient.getManifest(ref.withDigest(chosen.digest()));
            if (m.isIndex()) throw new IOException("image " + ref + ": nested index " + chosen.digest() + " is not supported");
        }
        if (!MediaTypes.isManifest(m.mediaType())) {
            throw new IOException("image " + ref + " has unsupported manifest media type '" + m.mediaType() + "'");
        }
        Manifest manifest = Json.read(m.bytes(), Manifest.class);
        byte[] configBytes = pullClient.readBlob(ref.registry(), ref.repository(), manifest.config(), MAX_CONFIG_BYTES);
        ImageConfig config = Json.read(configBytes, ImageConfig.class);
        List<Digest> diffIds = config.rootfs().diffIds();
        if (diffIds.size() != manifest.layers().size()) {
            throw new IOException("image " + ref + ": manifest lists " + manifest.layers().size()
                    + " layers but its config lists " + diffIds.size() + " diff IDs");
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < diffIds.size(); i++) {
            layers.add(new RemoteLayer(manifest.layers().get(i), diffIds.get(i), ref.context(), pullClient));
        }
        Image image = new Image(ManifestFormat.ofManifestType(m.mediaType()), config, layers);
        return new RemoteImage(ref, image, m.digest(), m.bytes(), m.mediaType());
    }

    /**
     * Pushes the image to every destination: blobs first (HEAD, mount, or upload; in parallel), then — only
     * when every blob everywhere is in place — the manifest to each destination.
     *
     * @return the manifest digest per destination
     */
    public Map<Reference, Digest> push(Image image, List<Reference> destinations) throws IOException {
        return new Push(pushClient, events, image, destinations).run();
    }

    /**
     * A push of one image whose blobs can start before the image is finished ({@link PushSession#offer}); nothing is
     * pushed before {@code gate} passed. The caller closes it.
     */
    public PushSession pushSession(List<Reference> destinations, PushGate gate) {
        return new PushSession(pushClient, events, destinations, gate);
    }

    private static String available(Index index) {
        String s = index.manifests().stream()
                .map(d -> d.platform() == null ? "(no platform) " + d.digest() : d.platform().toString())
                .collect(Collectors.joining(", "));
        return s.isEmpty() ? "none" : s;
    }
}
