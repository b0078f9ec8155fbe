package io.signalbox.routes;

import java.util.Map;
import java.util.Properties;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;

/**
 * A test of one route builder's routing alone: the context starts only once the test has advised its routes
 * ({@code AdviceWith}, then {@code context.start()}), with the settings the routes' endpoints read.
 */
public abstract class AdvisedRouteTest extends CamelTestSupport {

    /** @return the settings the routes under test read, such as queue names and intervals */
    protected abstract Map<String, String> settings();

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true);
    }

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        Properties properties = new Properties();
        properties.putAll(settings());
        configuration.withUseOverridePropertiesWithPropertiesComponent(properties);
    }
}
