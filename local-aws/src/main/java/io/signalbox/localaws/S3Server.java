package io.signalbox.localaws;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.gaul.s3proxy.AccessGrant;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3Proxy on a filesystem store, with one view of the store per identity: the service sees everything, each
 * partner sees what its policy allows, and every view reports object events as that identity.
 */
final class S3Server implements AutoCloseable {

    /**
     * S3Proxy must read a payload signed with its SHA-256 whole before it can check the signature; larger ones are
     * refused so that they cannot exhaust the heap.
     */
    static final int MAX_SIGNED_PAYLOAD_MIB = 32;

    /**
     * Stopping does not wait for requests in flight: the owner stops the service's routes first, and an idle
     * keep-alive connection, which every SDK client leaves behind, would otherwise hold every stop for the whole
     * wait.
     */
    private static final long STOP_TIMEOUT_MILLIS = 0;

    private static final Logger LOG = LoggerFactory.getLogger(S3Server.class);

    private final S3Proxy proxy;
    private final URI endpoint;

    private S3Server(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    static S3Server start(Path root, String host, int port, String bucket, S3Identity service,
            List<LocalAws.PartnerCredentials> partners, ObjectEventPublisher publisher, List<String> corsOrigins) {
        BlobStore filesystem = new OpenUploadsBlobStore(filesystemStore(root, bucket));
        Clock clock = Clock.systemUTC();
        Map<String, AccessGrant> grants = new HashMap<>();
        grants.put(service.accessKey(), new AccessGrant(service.secretKey(),
                new ObjectEventBlobStore(filesystem, service, publisher, clock)));
        for (LocalAws.PartnerCredentials partner : partners) {
            S3Identity identity = S3Identity.partner(partner);
            BlobStore view = new PartnerBlobStore(new ObjectEventBlobStore(filesystem, identity, publisher, clock),
                    new PartnerPolicy(bucket, partner, identity));
            grants.put(partner.accessKey(), new AccessGrant(partner.secretKey(), view));
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new ObjectEventBlobStore(filesystem, S3Identity.anonymous(), publisher, clock))
                .endpoint(URI.create("http://" + uriHost(host) + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, service.accessKey(), service.secretKey())
                .v4MaxNonChunkedRequestSize(MAX_SIGNED_PAYLOAD_MIB * 1024L * 1024L)
                .stopTimeout(STOP_TIMEOUT_MILLIS)
                .corsRules(corsRules(corsOrigins))
                .build();
        proxy.setBlobStoreLocator((identity, container, blob) -> identity == null ? null : grants.get(identity));
        SignedPayloadLimiter.install(proxy);
        S3ProxyHandlers.wrap(proxy, RequestAuthentication::new);
        try {
            proxy.start();
        } catch (Exception e) {
            stopQuietly(proxy);
            throw new LocalAwsException("The S3 server could not listen on " + host + ":" + port + ": " + e, e);
        }
        return new S3Server(proxy, URI.create("http://" + uriHost(clientHost(host)) + ":" + proxy.getPort()));
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        stopQuietly(proxy);
    }

    private static CrossOriginResourceSharing corsRules(List<String> origins) {
        if (origins.isEmpty()) {
            return CrossOriginResourceSharing.disabled();
        }
        // S3Proxy reads each allowed origin as a regular expression.
        return new CrossOriginResourceSharing(origins.stream().map(Pattern::quote).toList(),
                List.of("GET", "HEAD", "PUT"), List.of("*"), List.of("ETag", "x-amz-checksum-sha256"), "false");
    }

    private static BlobStore filesystemStore(Path root, String bucket) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new LocalAwsException("The S3 data folder " + root + " could not be created: " + e, e);
        }
        BlobStore store = new FilesystemNio2BlobStore(root.toString());
        if (!store.containerExists(bucket)) {
            store.createContainer(bucket);
        }
        return store;
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            LOG.warn("The S3 server did not stop cleanly", e);
        }
    }

    /** A wildcard bind address is not one a client can connect to; loopback is. */
    static String clientHost(String bindHost) {
        return switch (bindHost) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::", "[::]" -> "::1";
            default -> bindHost;
        };
    }

    static String uriHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
