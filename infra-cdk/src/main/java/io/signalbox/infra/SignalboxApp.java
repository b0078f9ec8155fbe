package io.signalbox.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Validations;

/**
 * The CDK app: synthesizes {@code Signalbox-free} and {@code Signalbox-scale}, or only the profile named by the
 * context value {@code profile}, and checks both against cdk-nag's AwsSolutions rules (synthesis fails on any
 * finding that is not acknowledged with a reason).
 */
public final class SignalboxApp {

    /** Output directory when not run by the CDK CLI (which passes its own in CDK_OUTDIR). */
    static final String OUTDIR_PROPERTY = "signalbox.cdk.outdir";
    /** Where the search for the repository root starts; the working directory by default. */
    static final String START_PROPERTY = "signalbox.repository.start";

    private SignalboxApp() {
    }

    public static void main(String[] args) {
        AppProps.Builder props = AppProps.builder();
        if (System.getenv("CDK_OUTDIR") == null) {
            props.outdir(System.getProperty(OUTDIR_PROPERTY, "cdk.out"));
        }
        App app = new App(props.build());
        String deployerRegion = System.getenv("CDK_DEFAULT_REGION");
        if (app.getNode().tryGetContext("region") == null && deployerRegion != null) {
            app.getNode().setContext("region", deployerRegion);
        }
        Object imageDirectory = app.getNode().tryGetContext("imageDirectory");
        Path root = imageDirectory != null
                ? Path.of(imageDirectory.toString())
                : RepositoryRoot.locate(Path.of(System.getProperty(START_PROPERTY, "")));
        List<SignalboxStack> stacks = defineStacks(app, root);
        app.synth();
        for (SignalboxStack stack : stacks) {
            System.out.println("Synthesized " + stack.getStackName() + " into " + app.getOutdir() + "/"
                    + stack.getTemplateFile());
        }
    }

    /**
     * Adds the stack of every selected profile to {@code app} and registers the AwsSolutions checks.
     *
     * @throws IllegalArgumentException when a context value is malformed
     */
    public static List<SignalboxStack> defineStacks(App app, Path repositoryRoot) {
        // Set here rather than in cdk.json so that the Maven synthesis and the CDK CLI produce the same templates.
        app.getNode().setContext("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy", true);
        Object selected = app.getNode().tryGetContext("profile");
        List<DeploymentProfile> profiles = selected == null
                ? Arrays.asList(DeploymentProfile.values())
                : List.of(DeploymentProfile.fromId(selected.toString().trim()));
        List<SignalboxStack> stacks = new ArrayList<>();
        for (DeploymentProfile profile : profiles) {
            if (selected == null && profile.loadBalancer() && app.getNode().tryGetContext("domainName") == null) {
                System.out.println("Skipped " + profile.stackName() + ": it serves HTTPS only and needs"
                        + " -c domainName=... -c certificateArn=...");
                continue;
            }
            DeploymentSettings settings = DeploymentSettings.fromContext(profile,
                    key -> app.getNode().tryGetContext(key), repositoryRoot);
            stacks.add(new SignalboxStack(app, profile.stackName(), settings));
        }
        Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
        return stacks;
    }
}
