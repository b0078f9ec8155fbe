package io.signalbox.infra.construct;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A partner that drops files into {@code inbox/{name}/} and picks results up from {@code outbox/{name}/}.
 *
 * @param name      lowercase name, also the key prefix segment
 * @param accountId the partner's own AWS account, trusted to assume its role; empty trusts this account only
 */
public record PartnerAccount(String name, Optional<String> accountId) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    public PartnerAccount {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("partner name '" + name + "' is invalid; expected 1 to 32 lowercase"
                    + " letters, digits or inner hyphens");
        }
        if (accountId == null) {
            throw new IllegalArgumentException("partner '" + name + "': accountId must not be null; use Optional.empty()");
        }
        accountId.ifPresent(id -> {
            if (!ACCOUNT.matcher(id).matches()) {
                throw new IllegalArgumentException("partner '" + name + "': account '" + id
                        + "' is invalid; expected 12 digits");
            }
        });
    }

    /**
     * Parses {@code name} or {@code name:accountId}.
     *
     * @throws IllegalArgumentException when the name or the account is malformed
     */
    public static PartnerAccount parse(String text) {
        String trimmed = text.trim();
        int colon = trimmed.indexOf(':');
        if (colon < 0) {
            return new PartnerAccount(trimmed, Optional.empty());
        }
        return new PartnerAccount(trimmed.substring(0, colon), Optional.of(trimmed.substring(colon + 1)));
    }

    public String inboxPrefix() {
        return "inbox/" + name + "/";
    }

    public String outboxPrefix() {
        return "outbox/" + name + "/";
    }
}
