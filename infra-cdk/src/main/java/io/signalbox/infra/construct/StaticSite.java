package io.signalbox.infra.construct;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.amazon.awscdk.Stack;
import software.constructs.Construct;

/**
 * The static web page, served from a private bucket through CloudFront with origin access control; only
 * CloudFront can read the bucket. The page's files are uploaded at deployment with a {@code config.json} beside
 * {@code index.html} that tells the page where the API is.
 */
public final class StaticSite extends Construct {

    /** The page reads this file next to index.html; absent, it calls the API on its own origin. */
    public static final String CONFIG_FILE = "config.json";

    /**
     * @param webDirectory directory holding {@code index.html} and its assets
     * @param accessLogs   destination of the bucket's server access logs
     */
    public record Props(Path webDirectory, IBucket accessLogs) {
        public Props {
            if (webDirectory == null || !Files.isRegularFile(webDirectory.resolve("index.html"))) {
                throw new IllegalArgumentException("web directory " + webDirectory + " has no index.html");
            }
            if (accessLogs == null) {
                throw new IllegalArgumentException("accessLogs bucket is required");
            }
        }
    }

    private final Distribution distribution;
    private final Bucket bucket;
    private final Props props;

    public StaticSite(Construct scope, String id, Props props) {
        super(scope, id);
        this.props = props;
        bucket = Bucket.Builder.create(this, "Bucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .serverAccessLogsBucket(props.accessLogs())
                .serverAccessLogsPrefix("web-access/")
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        distribution = Distribution.Builder.create(this, "Distribution")
                .comment("Signalbox web page")
                .defaultRootObject("index.html")
                .priceClass(PriceClass.PRICE_CLASS_100)
                .httpVersion(HttpVersion.HTTP2_AND_3)
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(bucket))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .build())
                .build();
        CfnOutput.Builder.create(this, "Url").value("https://" + distribution.getDistributionDomainName())
                .description("The web page").build();

        RuleAcknowledgments.acknowledge(distribution, "AwsSolutions-CFR1",
                "The page is public documentation of a public API; no country is excluded.");
        RuleAcknowledgments.acknowledge(distribution, "AwsSolutions-CFR2",
                "A static page with no forms or server side; a web ACL would cost more than the page.");
        RuleAcknowledgments.acknowledge(distribution, "AwsSolutions-CFR3",
                "Standard logging needs an ACL-enabled bucket; the page holds no data worth auditing.");
        RuleAcknowledgments.acknowledge(distribution, "AwsSolutions-CFR4",
                "Served on the default *.cloudfront.net certificate, whose minimum TLS version CloudFront fixes.");
    }

    /** The page's origin, e.g. {@code https://d111111abcdef8.cloudfront.net}: the one the API and bucket allow. */
    public String origin() {
        return "https://" + distribution.getDistributionDomainName();
    }

    /**
     * Uploads the page with its {@code config.json}, and has CloudFront forget the previous version. Call once.
     *
     * @param apiBaseUrl where the page sends its API requests
     */
    public void deploy(String apiBaseUrl) {
        BucketDeployment.Builder.create(this, "Upload")
                .sources(List.of(Source.asset(props.webDirectory().toString()),
                        Source.jsonData(CONFIG_FILE, Map.of("apiBaseUrl", apiBaseUrl))))
                .destinationBucket(bucket)
                .distribution(distribution)
                .distributionPaths(List.of("/*"))
                .build();
        Stack.of(this).getNode().getChildren().stream()
                .filter(child -> child.getNode().getId().startsWith("Custom::CDKBucketDeployment"))
                .forEach(handler -> {
                    RuleAcknowledgments.acknowledge(handler, "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:"
                            + "policy/service-role/AWSLambdaBasicExecutionRole]",
                            "CDK's deployment handler only writes its own logs with this policy.");
                    RuleAcknowledgments.acknowledge(handler, "AwsSolutions-L1",
                            "The runtime of CDK's deployment handler is chosen by the CDK version.");
                    String reason = "CDK's deployment handler copies the page from the CDK asset bucket into the"
                            + " page bucket and invalidates the distribution; it runs only during deployment.";
                    for (String action : List.of("s3:GetObject*", "s3:GetBucket*", "s3:List*", "s3:DeleteObject*",
                            "s3:Abort*")) {
                        RuleAcknowledgments.acknowledge(handler, "AwsSolutions-IAM5[Action::" + action + "]", reason);
                    }
                    RuleAcknowledgments.acknowledge(handler, "AwsSolutions-IAM5[Resource::*]", reason);
                    RuleAcknowledgments.acknowledge(handler, "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::"
                            + "cdk-hnb659fds-assets-<AWS::AccountId>-" + Stack.of(this).getRegion() + "/*]", reason);
                    RuleAcknowledgments.wildcardUnder(handler, (CfnElement) bucket.getNode().getDefaultChild(), "/*",
                            reason);
                });
    }

    public Distribution distribution() {
        return distribution;
    }
}
