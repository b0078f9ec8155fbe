package io.signalbox.infra.construct;

import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.constructs.IConstruct;

/**
 * Records why a cdk-nag finding is accepted, on the construct it concerns. cdk-nag 3 matches findings by exact id,
 * so wildcard-resource findings are named the way cdk-nag flattens them ({@code <LogicalId.Arn>/prefix/*}).
 */
public final class RuleAcknowledgments {

    private RuleAcknowledgments() {
    }

    public static void acknowledge(IConstruct scope, String ruleId, String reason) {
        Validations.of(scope).acknowledge(Acknowledgment.builder().id(ruleId).reason(reason).build());
    }

    /** Acknowledges {@code AwsSolutions-IAM5} for {@code resource}'s ARN followed by {@code suffix}. */
    public static void wildcardUnder(IConstruct scope, CfnElement resource, String suffix, String reason) {
        acknowledge(scope, "AwsSolutions-IAM5[Resource::<" + logicalId(resource) + ".Arn>" + suffix + "]", reason);
    }

    static String logicalId(CfnElement element) {
        Stack stack = Stack.of(element);
        return String.valueOf(stack.resolve(stack.getLogicalId(element)));
    }
}
