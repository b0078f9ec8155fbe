package io.signalbox.app.tenant;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.core.type.Argument;
import jakarta.inject.Singleton;

/** Lets controllers take the authenticated caller's {@link Tenant} as a parameter. */
@Singleton
final class CallerTenant implements TypedRequestArgumentBinder<Tenant> {

    @Override
    public BindingResult<Tenant> bind(ArgumentConversionContext<Tenant> context, HttpRequest<?> source) {
        return () -> source.getAttribute(BearerAuthFilter.TENANT, Tenant.class);
    }

    @Override
    public Argument<Tenant> argumentType() {
        return Argument.of(Tenant.class);
    }
}
