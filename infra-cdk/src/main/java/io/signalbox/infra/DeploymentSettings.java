package io.signalbox.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.signalbox.infra.construct.PartnerAccount;
import io.signalbox.infra.construct.PublicDomain;

/**
 * Everything a deployer may choose for one stack, read from CDK context values ({@code -c key=value}).
 *
 * @param profile        sizing of every resource
 * @param region         AWS region the stack is deployed to (load balancer logging and prices depend on it)
 * @param imageDirectory build context of the container image (the repository root)
 * @param webDirectory   the static web page to serve through CloudFront, when there is one
 * @param partners       partners with their own drop folder, none by default
 * @param partnerRecipes the default recipe of a partner's drops, by partner name: a preset's name or a recipe
 *                       document; partners without one use the application's {@code default} preset
 * @param domain         domain and certificate for HTTPS, plain HTTP without one
 * @param alarmEmail     address subscribed to the alarm topic, none by default
 * @param budgetUsd      monthly cost budget in US dollars; an alert goes out at 80 %
 * @param corsOrigins    origins, besides the page's own, allowed to use presigned URLs from a browser
 * @param retention      how long an uncollected result is kept
 * @param pickupGrace    how long a picked-up result stays for an interrupted download to be retried
 */
public record DeploymentSettings(
        DeploymentProfile profile,
        String region,
        Path imageDirectory,
        Optional<Path> webDirectory,
        List<PartnerAccount> partners,
        Map<String, String> partnerRecipes,
        Optional<PublicDomain> domain,
        Optional<String> alarmEmail,
        int budgetUsd,
        List<String> corsOrigins,
        Duration retention,
        Duration pickupGrace) {

    /** Where the web page is looked for, relative to the repository root. */
    public static final String DEFAULT_WEB_DIRECTORY = "micronaut-app/src/main/resources/public";

    public static final String DEFAULT_REGION = "us-east-1";

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,5})([mhd])");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern ORIGIN = Pattern.compile("\\*|https?://[A-Za-z0-9.-]+(:\\d{1,5})?");
    private static final Pattern PRESET = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    /** Recipes travel in the task definition, whose whole size AWS caps at 64 KiB. */
    private static final int MAX_RECIPE_CHARS = 8 * 1024;

    public DeploymentSettings {
        if (region == null || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("context 'region': '" + region + "' is not an AWS region such as"
                    + " us-east-1");
        }
        partners = List.copyOf(partners);
        partnerRecipes = Collections.unmodifiableMap(new TreeMap<>(partnerRecipes));
        corsOrigins = List.copyOf(corsOrigins);
        Set<String> names = new LinkedHashSet<>();
        for (PartnerAccount partner : partners) {
            if (!names.add(partner.name())) {
                throw new IllegalArgumentException("context 'partners': partner '" + partner.name()
                        + "' is listed twice");
            }
        }
        for (Map.Entry<String, String> recipe : partnerRecipes.entrySet()) {
            checkRecipe(recipe.getKey(), recipe.getValue(), names);
        }
        if (budgetUsd < 1) {
            throw new IllegalArgumentException("context 'budgetUsd': " + budgetUsd + " is invalid; expected a whole"
                    + " number of dollars of at least 1");
        }
        if (profile.loadBalancer() && domain.isEmpty()) {
            throw new IllegalArgumentException("profile '" + profile.id() + "' serves the API over HTTPS only; give"
                    + " the context values 'domainName' and 'certificateArn'");
        }
        if (retention.toMinutes() < 60) {
            throw new IllegalArgumentException("context 'retention': " + retention + " is too short; expected at"
                    + " least 1h");
        }
    }

    /**
     * Reads the settings of one profile from context values.
     *
     * @param profile        the profile being synthesized
     * @param context        looks a context key up; returns {@code null} when unset
     * @param repositoryRoot the repository root, for the default image and web directories
     * @throws IllegalArgumentException naming the context key when a value is malformed
     */
    public static DeploymentSettings fromContext(DeploymentProfile profile, Function<String, Object> context,
            Path repositoryRoot) {
        Path webDirectory = text(context, "webDirectory").map(Path::of)
                .orElse(repositoryRoot.resolve(DEFAULT_WEB_DIRECTORY));
        Optional<String> domainName = text(context, "domainName");
        Optional<String> certificateArn = text(context, "certificateArn");
        if (domainName.isPresent() != certificateArn.isPresent()) {
            throw new IllegalArgumentException("context 'domainName' and 'certificateArn' go together; got only "
                    + (domainName.isPresent() ? "'domainName'" : "'certificateArn'"));
        }
        Optional<String> alarmEmail = text(context, "alarmEmail");
        alarmEmail.ifPresent(email -> {
            if (!EMAIL.matcher(email).matches()) {
                throw new IllegalArgumentException("context 'alarmEmail': '" + email + "' is not an email address");
            }
        });
        List<String> origins = list(context, "corsOrigins");
        for (String origin : origins) {
            if (!ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException("context 'corsOrigins': '" + origin + "' is invalid; expected *"
                        + " or an origin such as https://app.example.com");
            }
        }
        return new DeploymentSettings(
                profile,
                text(context, "region").orElse(DEFAULT_REGION),
                text(context, "imageDirectory").map(Path::of).orElse(repositoryRoot),
                Files.isRegularFile(webDirectory.resolve("index.html")) ? Optional.of(webDirectory) : Optional.empty(),
                list(context, "partners").stream().map(DeploymentSettings::partner).toList(),
                recipes(context.apply("partnerRecipes")),
                domainName.map(name -> new PublicDomain(name, certificateArn.orElseThrow())),
                alarmEmail,
                text(context, "budgetUsd").map(DeploymentSettings::budget).orElse(profile.defaultBudgetUsd()),
                origins,
                text(context, "retention").map(value -> duration("retention", value)).orElse(Duration.ofHours(24)),
                text(context, "pickupGrace").map(value -> duration("pickupGrace", value))
                        .orElse(Duration.ofMinutes(10)));
    }

    /** Lifecycle expiry: the retention rounded up to whole days, plus one day of margin for the cleanup route. */
    public int expireAfterDays() {
        long days = (retention.toMinutes() + Duration.ofDays(1).toMinutes() - 1) / Duration.ofDays(1).toMinutes();
        return Math.toIntExact(days + 1);
    }

    /** The retention as the application reads it, e.g. {@code 24h}. */
    public String retentionSetting() {
        return format(retention);
    }

    /** The pickup grace as the application reads it, e.g. {@code 10m}. */
    public String pickupGraceSetting() {
        return format(pickupGrace);
    }

    private static String format(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes % (24 * 60) == 0 && minutes >= 24 * 60 * 2) {
            return minutes / (24 * 60) + "d";
        }
        return minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
    }

    /** The partners' names as the application reads them from {@code SIGNALBOX_PARTNERS}, e.g. {@code acme,globex}. */
    public String partnerNamesSetting() {
        return String.join(",", partners.stream().map(PartnerAccount::name).toList());
    }

    private static void checkRecipe(String partner, String recipe, Set<String> partners) {
        if (!partners.contains(partner)) {
            throw new IllegalArgumentException("context 'partnerRecipes': '" + partner + "' is not a partner; the"
                    + " partners are " + partners);
        }
        String trimmed = recipe == null ? "" : recipe.trim();
        boolean document = trimmed.startsWith("{") && trimmed.endsWith("}");
        if (!document && !PRESET.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("context 'partnerRecipes': the recipe of '" + partner + "' is '"
                    + recipe + "'; expected a preset's name such as indicators, or a recipe document {...}");
        }
        if (trimmed.length() > MAX_RECIPE_CHARS) {
            throw new IllegalArgumentException("context 'partnerRecipes': the recipe of '" + partner + "' has "
                    + trimmed.length() + " characters; at most " + MAX_RECIPE_CHARS + " fit in the task definition");
        }
    }

    /** {@code name=preset,...} on the command line, or an object of name to preset or document in cdk.json. */
    private static Map<String, String> recipes(Object value) {
        Map<String, String> recipes = new TreeMap<>();
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getValue() instanceof String recipe)) {
                    throw new IllegalArgumentException("context 'partnerRecipes': the recipe of '" + entry.getKey()
                            + "' must be a string: a preset's name, or a recipe document written as a string");
                }
                recipes.put(String.valueOf(entry.getKey()).trim(), recipe.trim());
            }
        } else if (value != null) {
            for (String item : value.toString().split(",")) {
                if (item.isBlank()) {
                    continue;
                }
                int equals = item.indexOf('=');
                if (equals < 0) {
                    throw new IllegalArgumentException("context 'partnerRecipes': '" + item.trim() + "' is invalid;"
                            + " expected partner=preset, such as acme=indicators");
                }
                recipes.put(item.substring(0, equals).trim(), item.substring(equals + 1).trim());
            }
        }
        return recipes;
    }

    private static PartnerAccount partner(String text) {
        try {
            return PartnerAccount.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("context 'partners': " + e.getMessage(), e);
        }
    }

    private static int budget(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("context 'budgetUsd': '" + value + "' is not a whole number of"
                    + " dollars", e);
        }
    }

    private static Duration duration(String key, String value) {
        Matcher matcher = DURATION.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("context '" + key + "': '" + value + "' is invalid; expected a"
                    + " number followed by m, h or d, e.g. 24h");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static Optional<String> text(Function<String, Object> context, String key) {
        Object value = context.apply(key);
        if (value == null) {
            return Optional.empty();
        }
        String text = value.toString().trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private static List<String> list(Function<String, Object> context, String key) {
        Object value = context.apply(key);
        List<String> items = new ArrayList<>();
        if (value instanceof List<?> values) {
            values.forEach(item -> items.add(String.valueOf(item).trim()));
        } else if (value != null) {
            items.addAll(Arrays.asList(value.toString().split(",")));
        }
        return items.stream().map(String::trim).filter(item -> !item.isEmpty()).toList();
    }
}
