package io.signalbox.infra.construct;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpServiceDiscoveryIntegration;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpServiceDiscoveryIntegrationProps;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.apigatewayv2.VpcLink;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ecs.CloudMapOptions;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.servicediscovery.DnsRecordType;
import software.amazon.awscdk.services.servicediscovery.IService;
import software.amazon.awscdk.services.servicediscovery.PrivateDnsNamespace;
import software.constructs.Construct;

/**
 * The API's front door without a load balancer: an API Gateway HTTP API, paid per request and HTTPS on its own
 * {@code execute-api} name, reaching the {@code api} tasks privately through a VPC link, which finds them in a Cloud
 * Map service that ECS keeps up to date. No public address and nothing billed by the hour. HTTP APIs take bodies of
 * up to 10 MB and answer within 30 s, which is why this door is for small requests only: files go to and from S3 with
 * presigned URLs. Only the API's own paths are routed; health and metrics are not served to the internet.
 */
public final class HttpApiFrontDoor extends Construct {

    /** The API's paths; everything else (health, metrics, Jolokia) answers 404 at the door. */
    public static final List<String> ROUTED_PATHS = List.of("/v1", "/v1/{proxy+}", "/openapi.yml", "/docs",
            "/docs/{proxy+}");
    /** What API Gateway waits for an answer at most; the server keeps idle connections longer. */
    public static final Duration IDLE_TIMEOUT = Duration.seconds(30);

    /**
     * @param vpc          the network
     * @param linkSubnets  where the VPC link's interfaces live
     * @param namespace    DNS name of the private Cloud Map namespace
     * @param logRetention retention of the access log
     * @param rateLimit    requests per second the door passes on, in the steady state
     * @param burstLimit   requests it passes on at once
     */
    public record Props(IVpc vpc, SubnetSelection linkSubnets, String namespace, RetentionDays logRetention,
            int rateLimit, int burstLimit) {
        public Props {
            if (vpc == null || linkSubnets == null || namespace == null || logRetention == null) {
                throw new IllegalArgumentException("vpc, linkSubnets, namespace and logRetention are required");
            }
            if (rateLimit < 1 || burstLimit < 1) {
                throw new IllegalArgumentException("rateLimit " + rateLimit + " and burstLimit " + burstLimit
                        + " must be at least 1");
            }
        }
    }

    private final Props props;
    private final PrivateDnsNamespace namespace;
    private final SecurityGroup linkSecurityGroup;
    private final VpcLink link;
    private HttpApi api;

    public HttpApiFrontDoor(Construct scope, String id, Props props) {
        super(scope, id);
        this.props = props;
        namespace = PrivateDnsNamespace.Builder.create(this, "Namespace")
                .name(props.namespace())
                .vpc(props.vpc())
                .description("Signalbox services, found by the API's VPC link")
                .build();
        linkSecurityGroup = SecurityGroup.Builder.create(this, "LinkSecurityGroup")
                .vpc(props.vpc())
                .description("Signalbox API Gateway VPC link")
                .allowAllOutbound(false)
                .build();
        link = VpcLink.Builder.create(this, "Link")
                .vpc(props.vpc())
                .subnets(props.linkSubnets())
                .securityGroups(List.of(linkSecurityGroup))
                .build();
    }

    /** Registers the service's tasks in Cloud Map and sends the API's paths to them. Call once. */
    public HttpApi route(Service service) {
        if (api != null) {
            throw new IllegalStateException("the front door already routes to a service");
        }
        IService discovered = service.service().enableCloudMap(CloudMapOptions.builder()
                .cloudMapNamespace(namespace)
                .name("api")
                .dnsRecordType(DnsRecordType.SRV)
                .container(service.taskDefinition().getDefaultContainer())
                .containerPort(Service.HTTP_PORT)
                .dnsTtl(Duration.seconds(10))
                .build());
        linkSecurityGroup.addEgressRule(service.securityGroup(), Port.tcp(Service.HTTP_PORT), "to the api tasks");
        service.securityGroup().addIngressRule(linkSecurityGroup, Port.tcp(Service.HTTP_PORT),
                "from the API Gateway VPC link");

        LogGroup accessLog = LogGroup.Builder.create(this, "AccessLog")
                .retention(props.logRetention())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        api = HttpApi.Builder.create(this, "Api")
                .description("Signalbox API")
                .createDefaultStage(true)
                .build();
        HttpServiceDiscoveryIntegration integration = new HttpServiceDiscoveryIntegration("Api", discovered,
                HttpServiceDiscoveryIntegrationProps.builder().vpcLink(link).build());
        for (String path : ROUTED_PATHS) {
            api.addRoutes(AddRoutesOptions.builder()
                    .path(path)
                    .methods(List.of(HttpMethod.ANY))
                    .integration(integration)
                    .build());
        }
        CfnStage stage = (CfnStage) api.getDefaultStage().getNode().getDefaultChild();
        stage.setAccessLogSettings(CfnStage.AccessLogSettingsProperty.builder()
                .destinationArn(accessLog.getLogGroupArn())
                .format(ACCESS_LOG_FORMAT)
                .build());
        stage.setDefaultRouteSettings(CfnStage.RouteSettingsProperty.builder()
                .throttlingRateLimit(props.rateLimit())
                .throttlingBurstLimit(props.burstLimit())
                .build());
        CfnOutput.Builder.create(this, "Url").value(url()).description("API base URL (HTTPS)").build();

        RuleAcknowledgments.acknowledge(api, "AwsSolutions-APIG4",
                "Every API call is authorized by the application with the tenant's API key (Authorization:"
                        + " Bearer); an API Gateway authorizer would check the same key a second time, per request.");
        RuleAcknowledgments.acknowledge(api.getDefaultStage(), "AwsSolutions-APIG4",
                "Every API call is authorized by the application with the tenant's API key.");
        for (var child : api.getNode().findAll()) {
            if (child.getNode().getId().startsWith("ANY--")) {
                RuleAcknowledgments.acknowledge(child, "AwsSolutions-APIG4",
                        "Authorized by the application with the tenant's API key (Authorization: Bearer).");
            }
        }
        return api;
    }

    /** The API's base URL, without a trailing slash. */
    public String url() {
        if (api == null) {
            throw new IllegalStateException("route a service first");
        }
        return api.getApiEndpoint();
    }

    public HttpApi api() {
        return api;
    }

    public SecurityGroup linkSecurityGroup() {
        return linkSecurityGroup;
    }

    /** One JSON line per request: who, what, how it ended and how long it took; never a header or a body. */
    private static final String ACCESS_LOG_FORMAT = toJson(Map.of(
            "requestId", "$context.requestId",
            "ip", "$context.identity.sourceIp",
            "requestTime", "$context.requestTime",
            "method", "$context.httpMethod",
            "path", "$context.path",
            "status", "$context.status",
            "responseLength", "$context.responseLength",
            "latencyMs", "$context.responseLatency",
            "integrationError", "$context.integrationErrorMessage"));

    private static String toJson(Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{");
        new java.util.TreeMap<>(fields).forEach((key, value) -> json.append(json.length() > 1 ? "," : "")
                .append('"').append(key).append("\":\"").append(value).append('"'));
        return json.append('}').toString();
    }
}
