package io.signalbox.infra.construct;

import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.secretsmanager.ISecret;

/** The PostgreSQL database holding the jobs, whichever kind a profile runs: what the services and operators need. */
public interface JobStore {

    String DATABASE_NAME = "signalbox";
    String USERNAME = "signalbox";

    /** Host name the services connect to. */
    String host();

    /** Port the services connect to, as text. */
    String port();

    /** The generated secret with the JSON fields username and password. */
    ISecret secret();

    /** Lets {@code client} open connections to the database port. */
    void allowFrom(IConnectable client, String description);

    /** What bounds the database's capacity: CPU of an instance, ACUs of a serverless cluster. */
    IMetric load(MetricOptions options);

    /** Open connections. */
    IMetric connections(MetricOptions options);
}
