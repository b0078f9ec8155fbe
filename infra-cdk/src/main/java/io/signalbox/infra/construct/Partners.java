package io.signalbox.infra.construct;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * One IAM role per partner that may write and list only {@code inbox/{partner}/} and read, list and delete only
 * {@code outbox/{partner}/}. A partner with its own AWS account assumes the role from there with the external id
 * {@code signalbox-{partner}}; otherwise an administrator of this account hands the role to the partner's identity.
 */
public final class Partners extends Construct {

    /**
     * @param partners the configured partners, possibly none
     * @param storage  the bucket whose prefixes they are confined to
     */
    public record Props(List<PartnerAccount> partners, UploadStorage storage) {
        public Props {
            if (partners == null || storage == null) {
                throw new IllegalArgumentException("partners and storage are required");
            }
            partners = List.copyOf(partners);
        }
    }

    private final Map<String, Role> roles = new LinkedHashMap<>();

    public Partners(Construct scope, String id, Props props) {
        super(scope, id);
        for (PartnerAccount partner : props.partners()) {
            IPrincipal trusted = partner.accountId()
                    .<IPrincipal>map(account -> new AccountPrincipal(account)
                            .withConditions(Map.of("StringEquals", Map.of("sts:ExternalId", externalId(partner)))))
                    .orElseGet(AccountRootPrincipal::new);
            Role role = Role.Builder.create(this, partner.name())
                    .assumedBy(trusted)
                    .description("Signalbox partner " + partner.name() + ": its inbox and outbox prefixes only")
                    .maxSessionDuration(Duration.hours(1))
                    .build();
            props.storage().grantWrite(role, partner.inboxPrefix());
            props.storage().grantRead(role, partner.outboxPrefix());
            props.storage().grantDelete(role, partner.outboxPrefix());
            props.storage().grantList(role, partner.inboxPrefix(), partner.outboxPrefix());
            roles.put(partner.name(), role);
            CfnOutput.Builder.create(this, partner.name() + "RoleArn")
                    .value(role.getRoleArn())
                    .description("Role for partner " + partner.name())
                    .build();
        }
    }

    public static String externalId(PartnerAccount partner) {
        return "signalbox-" + partner.name();
    }

    /** The partner's role, by partner name. */
    public IRole role(String partner) {
        Role role = roles.get(partner);
        if (role == null) {
            throw new IllegalArgumentException("no partner named '" + partner + "'; configured: " + roles.keySet());
        }
        return role;
    }
}
