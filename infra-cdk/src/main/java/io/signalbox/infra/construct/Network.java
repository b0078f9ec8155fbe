package io.signalbox.infra.construct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * A VPC over two availability zones. Without NAT gateways the tasks live in public subnets with public IPs
 * (security groups admit nothing but the load balancer); with NAT they live in private subnets. The database
 * always lives in isolated subnets, and S3 traffic always takes a gateway endpoint.
 */
public final class Network extends Construct {

    /**
     * @param natGateways   0 for public task subnets, otherwise the number of NAT gateways
     * @param flowLogBucket where rejected-traffic flow logs go
     */
    public record Props(int natGateways, IBucket flowLogBucket) {
        public Props {
            if (natGateways < 0 || natGateways > 2) {
                throw new IllegalArgumentException("natGateways " + natGateways + " is invalid; expected 0, 1 or 2");
            }
            if (flowLogBucket == null) {
                throw new IllegalArgumentException("flowLogBucket is required");
            }
        }
    }

    private final Vpc vpc;
    private final boolean publicTasks;

    public Network(Construct scope, String id, Props props) {
        super(scope, id);
        publicTasks = props.natGateways() == 0;
        List<SubnetConfiguration> subnets = new ArrayList<>();
        subnets.add(SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build());
        if (!publicTasks) {
            subnets.add(SubnetConfiguration.builder().name("app").subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                    .cidrMask(22).build());
        }
        subnets.add(SubnetConfiguration.builder().name("data").subnetType(SubnetType.PRIVATE_ISOLATED)
                .cidrMask(24).build());
        vpc = Vpc.Builder.create(this, "Vpc")
                .ipAddresses(IpAddresses.cidr("10.40.0.0/16"))
                .maxAzs(2)
                .natGateways(props.natGateways())
                .subnetConfiguration(subnets)
                .flowLogs(Map.of("RejectedTraffic", FlowLogOptions.builder()
                        .destination(FlowLogDestination.toS3(props.flowLogBucket(), "vpc-flow-logs/"))
                        .trafficType(FlowLogTrafficType.REJECT)
                        .build()))
                .build();
        vpc.addGatewayEndpoint("S3", GatewayVpcEndpointOptions.builder()
                .service(GatewayVpcEndpointAwsService.S3)
                .build());
    }

    public IVpc vpc() {
        return vpc;
    }

    /** Whether tasks run in public subnets and need a public IP to reach AWS APIs. */
    public boolean publicTasks() {
        return publicTasks;
    }

    public SubnetSelection taskSubnets() {
        return SubnetSelection.builder()
                .subnetType(publicTasks ? SubnetType.PUBLIC : SubnetType.PRIVATE_WITH_EGRESS)
                .build();
    }

    public SubnetSelection loadBalancerSubnets() {
        return SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build();
    }

    public SubnetSelection databaseSubnets() {
        return SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build();
    }
}
