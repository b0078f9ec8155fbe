package io.signalbox.infra.construct;

import java.util.List;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationActionProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationTargetsProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.FixedResponseOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCondition;
import software.amazon.awscdk.services.elasticloadbalancingv2.RedirectOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The public entrance of the {@code api} service in the scale profile: an internet-facing Application Load Balancer
 * that speaks HTTPS with the given certificate (plain HTTP only redirects to it: an API key never travels in clear),
 * and checks the service's liveness endpoint: readiness includes the database, and a database in maintenance must not
 * make ECS replace every {@code api} task in a loop. The metrics endpoint is not served to the internet.
 */
public final class ApiEndpoint extends Construct {

    /** Large files are streamed through the API; a slow client must not be cut off mid-upload. */
    public static final Duration IDLE_TIMEOUT = Duration.minutes(10);
    public static final String METRICS_PATH = "/prometheus";

    /**
     * @param vpc        the network
     * @param subnets    public subnets
     * @param domain     domain and certificate for HTTPS
     * @param accessLogs bucket for the load balancer's access logs
     */
    public record Props(IVpc vpc, SubnetSelection subnets, PublicDomain domain, IBucket accessLogs) {
        public Props {
            if (vpc == null || subnets == null || domain == null || accessLogs == null) {
                throw new IllegalArgumentException("vpc, subnets, domain and accessLogs are required; the load"
                        + " balancer speaks HTTPS only");
            }
        }
    }

    private final ApplicationLoadBalancer loadBalancer;
    private final ApplicationListener listener;
    private final SecurityGroup securityGroup;
    private final String url;

    public ApiEndpoint(Construct scope, String id, Props props) {
        super(scope, id);
        securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(props.vpc())
                .description("Signalbox API load balancer")
                .allowAllOutbound(false)
                .build();
        loadBalancer = ApplicationLoadBalancer.Builder.create(this, "LoadBalancer")
                .vpc(props.vpc())
                .vpcSubnets(props.subnets())
                .internetFacing(true)
                .securityGroup(securityGroup)
                .dropInvalidHeaderFields(true)
                .idleTimeout(IDLE_TIMEOUT)
                .build();
        loadBalancer.logAccessLogs(props.accessLogs(), "alb");

        PublicDomain domain = props.domain();
        securityGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(443), "HTTPS from anywhere");
        securityGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(80), "HTTP from anywhere, redirected to HTTPS");
        listener = loadBalancer.addListener("Https", BaseApplicationListenerProps.builder()
                .protocol(ApplicationProtocol.HTTPS)
                .port(443)
                .open(false)
                .certificates(List.of(ListenerCertificate.fromArn(domain.certificateArn())))
                .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                .build());
        loadBalancer.addListener("HttpRedirect", BaseApplicationListenerProps.builder()
                .protocol(ApplicationProtocol.HTTP)
                .port(80)
                .open(false)
                .defaultAction(ListenerAction.redirect(
                        RedirectOptions.builder()
                                .protocol("HTTPS").port("443").permanent(true).build()))
                .build());
        url = "https://" + domain.domainName();
        CfnOutput.Builder.create(this, "Url").value(url)
                .description("API base URL; point the domain's DNS record at LoadBalancerDns").build();
        // Metrics describe every tenant's traffic; they are scraped inside the VPC, on the tasks' own port.
        listener.addAction("MetricsNotPublic", AddApplicationActionProps.builder()
                .priority(1)
                .conditions(List.of(ListenerCondition.pathPatterns(List.of(METRICS_PATH, METRICS_PATH + "/*"))))
                .action(ListenerAction.fixedResponse(404, FixedResponseOptions.builder()
                        .contentType("application/json")
                        .messageBody("{\"error\":\"not_found\",\"message\":\"metrics are not served here\"}")
                        .build()))
                .build());
        CfnOutput.Builder.create(this, "LoadBalancerDns").value(loadBalancer.getLoadBalancerDnsName()).build();

        RuleAcknowledgments.acknowledge(securityGroup, "AwsSolutions-EC23",
                "The API is public by design: clients anywhere authenticate with their API key.");
    }

    /** Routes every request to the service and health-checks it on the liveness endpoint. */
    public ApplicationTargetGroup route(Service api) {
        securityGroup.addEgressRule(api.securityGroup(), Port.tcp(Service.HTTP_PORT), "to the api tasks");
        api.securityGroup().addIngressRule(securityGroup, Port.tcp(Service.HTTP_PORT), "from the load balancer");
        return listener.addTargets("Api", AddApplicationTargetsProps.builder()
                .protocol(ApplicationProtocol.HTTP)
                .port(Service.HTTP_PORT)
                .targets(List.of(api.service()))
                .deregistrationDelay(Duration.seconds(30))
                .healthCheck(HealthCheck.builder()
                        .path(Service.LIVENESS_PATH)
                        .healthyHttpCodes("200")
                        .interval(Duration.seconds(15))
                        .timeout(Duration.seconds(5))
                        .healthyThresholdCount(2)
                        .unhealthyThresholdCount(3)
                        .build())
                .build());
    }

    /** The API's base URL. */
    public String url() {
        return url;
    }

    public ApplicationLoadBalancer loadBalancer() {
        return loadBalancer;
    }
}
