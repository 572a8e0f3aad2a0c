import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Multipart upload of a big file to S3 (S3Proxy refuses single PUTs above its limit), for bench scripts:
 * java -cp 'target/lib/*' bench/S3Upload.java FILE BUCKET KEY   (S3_ENDPOINT, AWS_* from testbed/s3.sh env)
 */
public class S3Upload {
    public static void main(String[] a) throws Exception {
        Path file = Path.of(a[0]);
        try (S3Client s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(System.getenv("AWS_REGION"))).endpointOverride(URI.create(System.getenv("S3_ENDPOINT")))
                .forcePathStyle(true).build();
             InputStream in = Files.newInputStream(file)) {
            String id = s3.createMultipartUpload(b -> b.bucket(a[1]).key(a[2])).uploadId();
            List<CompletedPart> parts = new ArrayList<>();
            byte[] buf = new byte[32 << 20];
            for (int n = 1; ; n++) {
                int len = in.readNBytes(buf, 0, buf.length);
                if (len == 0) break;
                final int part = n;
                String etag = s3.uploadPart(b -> b.bucket(a[1]).key(a[2]).uploadId(id).partNumber(part),
                        RequestBody.fromBytes(java.util.Arrays.copyOf(buf, len))).eTag();
                parts.add(CompletedPart.builder().partNumber(part).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(a[1]).key(a[2]).uploadId(id).multipartUpload(m -> m.parts(parts)));
        }
    }
}
