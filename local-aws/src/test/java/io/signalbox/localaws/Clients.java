package io.signalbox.localaws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Real AWS SDK clients for a running {@link LocalAws}, configured as the service configures its own. */
final class Clients {

    private Clients() {
    }

    static S3Client s3(LocalAws aws, String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(aws.s3Endpoint())
                .region(Region.of(aws.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    static S3Client s3(LocalAws aws) {
        return s3(aws, aws.accessKey(), aws.secretKey());
    }

    /** Signs URLs for the server as the identity of these keys; the caller closes it. */
    static S3Presigner presigner(LocalAws aws, String accessKey, String secretKey) {
        return S3Presigner.builder()
                .endpointOverride(aws.s3Endpoint())
                .region(Region.of(aws.region()))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build();
    }

    static SqsClient sqs(LocalAws aws) {
        return SqsClient.builder()
                .endpointOverride(aws.sqsEndpoint())
                .region(Region.of(aws.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(aws.accessKey(), aws.secretKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /**
     * Receives and deletes every message on the queue, waiting up to {@code firstWait} (whole seconds) for the first.
     * Events of writes are on the queue before the S3 call returns, so no wait is needed to count them.
     */
    static List<String> drain(SqsClient sqs, String queueUrl, Duration firstWait) {
        List<String> bodies = new ArrayList<>();
        int waitSeconds = (int) firstWait.toSeconds();
        while (true) {
            int wait = waitSeconds;
            List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                    .maxNumberOfMessages(10)
                    .waitTimeSeconds(wait)).messages();
            if (messages.isEmpty()) {
                return bodies;
            }
            waitSeconds = 0;
            for (Message message : messages) {
                bodies.add(message.body());
                sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }
}
