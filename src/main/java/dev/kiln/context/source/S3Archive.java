package dev.kiln.context.source;

import dev.kiln.context.ContextException;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;

/**
 * {@code s3://bucket/key}: the object's bytes as a stream, read with AWS SDK v2 (the only class that touches
 * it). Credentials: the SDK's default chain. Region: {@code AWS_REGION}, else the SDK's chain, else us-east-1.
 * Kaniko's {@code S3_ENDPOINT} and {@code S3_FORCE_PATH_STYLE} pick an S3-compatible store.
 */
final class S3Archive {
    private S3Archive() {}

    static InputStream open(ContextLocation loc, Map<String, String> env) {
        if (loc.key().isEmpty()) throw new ContextException("--context " + loc.raw() + ": no object key after the bucket");
        S3Client s3 = client(env);
        try {
            InputStream in = s3.getObject(GetObjectRequest.builder().bucket(loc.bucket()).key(loc.key()).build());
            return new FilterInputStream(in) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        s3.close();
                    }
                }
            };
        } catch (NoSuchBucketException e) {
            s3.close();
            throw new ContextException("S3 bucket '" + loc.bucket() + "' does not exist (" + loc.raw() + ")", e);
        } catch (NoSuchKeyException e) {
            s3.close();
            throw new ContextException("S3 object '" + loc.key() + "' not found in bucket '" + loc.bucket() + "' (" + loc.raw() + ")", e);
        } catch (S3Exception e) {
            s3.close();
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            String why = switch (code == null ? "" : code) {
                case "InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "ExpiredToken", "InvalidToken" ->
                        "access denied: check the AWS credentials";
                default -> "S3 error";
            };
            throw new ContextException(why + " reading " + loc.raw() + " (HTTP " + e.statusCode() + ", " + code + ")", e);
        } catch (SdkClientException e) {
            s3.close();
            throw new ContextException("cannot read " + loc.raw() + ": " + e.getMessage(), e);
        }
    }

    private static S3Client client(Map<String, String> env) {
        S3ClientBuilder b = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(region(env));
        try {
            b.credentialsProvider(DefaultCredentialsProvider.builder().build());
        } catch (RuntimeException e) {
            throw new ContextException("no AWS credentials for s3:// context: " + e.getMessage(), e);
        }
        String endpoint = env.get("S3_ENDPOINT");
        if (endpoint != null && !endpoint.isBlank()) b.endpointOverride(URI.create(endpoint));
        if ("true".equalsIgnoreCase(env.getOrDefault("S3_FORCE_PATH_STYLE", ""))) b.forcePathStyle(true);
        return b.build();
    }

    private static Region region(Map<String, String> env) {
        String r = env.get("AWS_REGION");
        if (r != null && !r.isBlank()) return Region.of(r);
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            return Region.US_EAST_1;
        }
    }
}
