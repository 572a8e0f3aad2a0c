package dev.kiln.context.source;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.common.StorageSharedKeyCredential;
import dev.kiln.context.ContextException;

import java.io.InputStream;
import java.net.URI;
import java.util.Map;

/**
 * {@code https://<account>.blob.core.windows.net/<container>/<blob>}: the blob's bytes as a stream (chunked range
 * reads), read with the Azure SDK (the only class that touches it) over the JDK HTTP client, not netty.
 * Credentials: {@code AZURE_STORAGE_CONNECTION_STRING} (whose {@code BlobEndpoint}, if any, is where requests go:
 * Azurite, sovereign clouds), else {@code AZURE_STORAGE_ACCESS_KEY} for the account in the URL (Kaniko), else
 * anonymous (public containers).
 */
final class AzureBlobArchive {
    private AzureBlobArchive() {}

    static InputStream open(ContextLocation loc, Map<String, String> env) {
        URI uri = URI.create(loc.target());
        String account = uri.getHost().substring(0, uri.getHost().indexOf('.'));
        String path = uri.getPath().replaceFirst("^/", "");
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            throw new ContextException("--context " + loc.raw() + ": expected https://<account>.blob.core.windows.net/<container>/<blob>");
        }
        String container = path.substring(0, slash);
        String blob = path.substring(slash + 1);
        BlobServiceClientBuilder b = new BlobServiceClientBuilder().httpClient(new JdkHttpClientBuilder().build());
        String conn = env.get("AZURE_STORAGE_CONNECTION_STRING");
        String key = env.get("AZURE_STORAGE_ACCESS_KEY");
        if (conn != null && !conn.isBlank()) {
            b.connectionString(conn);
        } else {
            b.endpoint("https://" + uri.getHost());
            if (key != null && !key.isBlank()) b.credential(new StorageSharedKeyCredential(account, key));
        }
        BlobClient client = b.buildClient().getBlobContainerClient(container).getBlobClient(blob);
        try {
            return client.openInputStream();
        } catch (BlobStorageException e) {
            BlobErrorCode code = e.getErrorCode();
            String msg;
            if (BlobErrorCode.CONTAINER_NOT_FOUND.equals(code)) {
                msg = "Azure container '" + container + "' does not exist in account '" + account + "'";
            } else if (BlobErrorCode.BLOB_NOT_FOUND.equals(code) || e.getStatusCode() == 404) {
                msg = "Azure blob '" + blob + "' not found in container '" + container + "'";
            } else if (e.getStatusCode() == 401 || e.getStatusCode() == 403) {
                msg = "access denied: check AZURE_STORAGE_ACCESS_KEY or AZURE_STORAGE_CONNECTION_STRING";
            } else {
                msg = "Azure Blob Storage error";
            }
            throw new ContextException(msg + " (" + loc.raw() + ", HTTP " + e.getStatusCode() + ", " + code + ")", e);
        } catch (RuntimeException e) {
            throw new ContextException("cannot read " + loc.raw() + ": " + e.getMessage(), e);
        }
    }
}
