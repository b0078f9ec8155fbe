package io.signalbox.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/** One profile's stack, synthesized once into a temporary directory, with its template. */
record SynthesizedProfile(App app, SignalboxStack stack, Template template) {

    static SynthesizedProfile synthesize(DeploymentProfile profile, Map<String, Object> context) {
        Map<String, Object> all = new HashMap<>(context);
        all.put("profile", profile.id());
        Path outdir;
        try {
            outdir = Files.createTempDirectory("signalbox-cdk-" + profile.id());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        App app = new App(AppProps.builder().outdir(outdir.toString()).context(all).build());
        List<SignalboxStack> stacks = SignalboxApp.defineStacks(app, RepositoryRoot.locate(Path.of("")));
        SignalboxStack stack = stacks.get(0);
        return new SynthesizedProfile(app, stack, Template.fromStack(stack));
    }

    /** The logical id of a construct's CloudFormation resource. */
    String logicalId(IConstruct construct) {
        CfnElement element = construct instanceof CfnElement cfn ? cfn : (CfnElement) construct.getNode().getDefaultChild();
        return String.valueOf(stack.resolve(Stack.of(element).getLogicalId(element)));
    }

    Map<String, Map<String, Object>> resources(String type) {
        return template.findResources(type);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }
}
