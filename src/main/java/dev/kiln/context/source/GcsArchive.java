package dev.kiln.context.source;

import com.google.cloud.NoCredentials;
import com.google.cloud.ReadChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import dev.kiln.context.ContextException;

import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.Map;

/**
 * {@code gs://bucket/object}: the object's bytes as a stream, read with the Cloud Storage client (the only class
 * that touches it) through its chunked reader. {@code STORAGE_EMULATOR_HOST} points it at an emulator (no
 * credentials); otherwise Application Default Credentials.
 */
final class GcsArchive {
    private GcsArchive() {}

    static InputStream open(ContextLocation loc, Map<String, String> env) {
        if (loc.key().isEmpty()) throw new ContextException("--context " + loc.raw() + ": no object name after the bucket");
        Storage storage = storage(env);
        BlobId id = BlobId.of(loc.bucket(), loc.key());
        try {
            Blob blob = storage.get(id);
            if (blob == null) throw missing(storage, loc);
            ReadChannel reader = storage.reader(id);
            reader.setChunkSize(4 << 20);
            return Channels.newInputStream(reader);
        } catch (StorageException e) {
            throw new ContextException(why(e) + " reading " + loc.raw() + " (HTTP " + e.getCode() + ", " + e.getReason() + ")", e);
        }
    }

    /** The object is not there: say whether the bucket is (listing works where bucket metadata may not). */
    private static ContextException missing(Storage storage, ContextLocation loc) {
        try {
            storage.list(loc.bucket(), Storage.BlobListOption.pageSize(1));
        } catch (StorageException e) {
            if (e.getCode() == 404) return new ContextException("GCS bucket '" + loc.bucket() + "' does not exist (" + loc.raw() + ")", e);
            return new ContextException(why(e) + " listing GCS bucket '" + loc.bucket() + "' (HTTP " + e.getCode() + ")", e);
        }
        return new ContextException("GCS object '" + loc.key() + "' not found in bucket '" + loc.bucket() + "' (" + loc.raw() + ")");
    }

    private static String why(StorageException e) {
        return e.getCode() == 401 || e.getCode() == 403 ? "access denied: check the Google credentials" : "GCS error";
    }

    private static Storage storage(Map<String, String> env) {
        String emulator = env.get("STORAGE_EMULATOR_HOST");
        StorageOptions.Builder b = StorageOptions.http();
        if (emulator != null && !emulator.isBlank()) {
            String host = emulator.contains("://") ? emulator : "http://" + emulator;
            b.setHost(host).setProjectId(env.getOrDefault("GOOGLE_CLOUD_PROJECT", "kiln")).setCredentials(NoCredentials.getInstance());
        }
        try {
            return b.build().getService();
        } catch (RuntimeException e) {
            throw new ContextException("cannot set up the Cloud Storage client for gs:// context: " + e.getMessage(), e);
        }
    }
}
