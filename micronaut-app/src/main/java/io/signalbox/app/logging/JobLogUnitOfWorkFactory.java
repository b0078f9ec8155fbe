package io.signalbox.app.logging;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.InflightRepository;
import org.apache.camel.spi.UnitOfWork;
import org.apache.camel.spi.UnitOfWorkFactory;

/** Gives every exchange a {@link JobLogUnitOfWork}, so that its log lines name its job, tenant and route. */
public final class JobLogUnitOfWorkFactory implements UnitOfWorkFactory {

    private InflightRepository inflightRepository;
    private boolean allowUseOriginalMessage;
    private boolean useBreadcrumb;

    @Override
    public UnitOfWork createUnitOfWork(Exchange exchange) {
        return new JobLogUnitOfWork(exchange, inflightRepository, allowUseOriginalMessage, useBreadcrumb);
    }

    @Override
    public void afterPropertiesConfigured(CamelContext camelContext) {
        inflightRepository = camelContext.getInflightRepository();
        allowUseOriginalMessage = camelContext.isAllowUseOriginalMessage();
        useBreadcrumb = camelContext.isUseBreadcrumb();
    }
}
