package io.signalbox.app.camel;

import io.micronaut.context.BeanContext;
import io.micronaut.inject.BeanDefinition;
import jakarta.inject.Named;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.spi.BeanRepository;

/**
 * Lets Camel find Micronaut beans: by type (how components find the S3 and SQS clients) and by {@code @Named} name.
 *
 * <p>Names are matched on bean definitions before anything is created: asking Micronaut for a bean by name
 * qualifier instantiates unrelated candidates, which fails for beans that cannot exist in this process.
 */
final class MicronautBeanRepository implements BeanRepository {

    private final BeanContext beans;

    MicronautBeanRepository(BeanContext beans) {
        this.beans = beans;
    }

    @Override
    public Object lookupByName(String name) {
        return definitionNamed(name).map(beans::getBean).orElse(null);
    }

    @Override
    public <T> T lookupByNameAndType(String name, Class<T> type) {
        return definitionNamed(name)
                .filter(definition -> type.isAssignableFrom(definition.getBeanType()))
                .map(definition -> type.cast(beans.getBean(definition)))
                .orElse(null);
    }

    @Override
    public <T> Map<String, T> findByTypeWithName(Class<T> type) {
        Map<String, T> found = new HashMap<>();
        for (BeanDefinition<T> definition : beans.getBeanDefinitions(type)) {
            String name = definition.stringValue(Named.class).orElse(definition.getBeanType().getName());
            found.put(name, beans.getBean(definition));
        }
        return found;
    }

    /**
     * Where a type has several beans and one of them is primary, only that one: Camel autowires a component option
     * only from a type's single bean, and the others are qualified for the application's own uses (the S3 clients of
     * uploads and health checks beside the primary one).
     */
    @Override
    public <T> Set<T> findByType(Class<T> type) {
        Collection<BeanDefinition<T>> definitions = beans.getBeanDefinitions(type);
        if (definitions.size() > 1 && definitions.stream().anyMatch(BeanDefinition::isPrimary)) {
            return Set.of(beans.getBean(type));
        }
        Collection<T> found = beans.getBeansOfType(type);
        return new LinkedHashSet<>(found);
    }

    private Optional<BeanDefinition<?>> definitionNamed(String name) {
        return beans.getAllBeanDefinitions().stream()
                .filter(definition -> definition.stringValue(Named.class).filter(name::equals).isPresent())
                .<BeanDefinition<?>>map(definition -> definition)
                .findFirst();
    }
}
