package dev.zerowasm.spring.boot.autoconfigure.aot;

import dev.zerowasm.spring.boot.autoconfigure.WasmProperties;
import dev.zerowasm.spring.boot.autoconfigure.guest.GuestProxyFactoryBean;
import dev.zerowasm.spring.boot.autoconfigure.guest.WasmModule;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/**
 * Registers, at build time, the runtime hints zerowasm's beans need in a GraalVM native image: a
 * JDK proxy and a reflection hint (to read its methods) for every {@link WasmModule} interface registered as a
 * bean (found by scanning or listed by {@code @ImportWasmModules}), and a resource hint for every
 * {@code classpath:} location of {@code wasm.modules.*}. The {@code @WasmExport} methods of host
 * beans need nothing here: the annotation is {@code @Reflective}, which Spring processes itself.
 * Modules loaded by a {@code WasmModuleRegistrar} are code, not configuration, so their resources
 * need the application's own hints.
 */
public final class WasmAotProcessor implements BeanFactoryInitializationAotProcessor {

  /** Called by Spring (listed in {@code META-INF/spring/aot.factories}). */
  public WasmAotProcessor() {}

  @Override
  public BeanFactoryInitializationAotContribution processAheadOfTime(
      ConfigurableListableBeanFactory beanFactory) {
    Set<Class<?>> guestInterfaces = guestInterfaces(beanFactory);
    Set<String> resources = classpathLocations(beanFactory);
    if (guestInterfaces.isEmpty() && resources.isEmpty()) {
      return null;
    }
    return (generationContext, code) -> {
      RuntimeHints hints = generationContext.getRuntimeHints();
      for (Class<?> type : guestInterfaces) {
        hints.proxies().registerJdkProxy(type);
        // The invocation handler reads the interface's methods and their annotations; a
        // registered type's members can be introspected (no member category needed, and the
        // INTROSPECT_* categories are deprecated since Spring Framework 7).
        hints.reflection().registerType(type);
      }
      for (String path : resources) {
        hints.resources().registerPattern(path);
      }
    };
  }

  /** The interfaces of the {@link GuestProxyFactoryBean} definitions. */
  private static Set<Class<?>> guestInterfaces(ConfigurableListableBeanFactory beanFactory) {
    Set<Class<?>> types = new LinkedHashSet<>();
    for (String name : beanFactory.getBeanDefinitionNames()) {
      BeanDefinition definition = beanFactory.getMergedBeanDefinition(name);
      if (!GuestProxyFactoryBean.class.getName().equals(definition.getBeanClassName())) {
        continue;
      }
      // GuestProxyFactoryBean.register passes the interface as constructor argument 0.
      ValueHolder argument =
          definition.getConstructorArgumentValues().getIndexedArgumentValue(0, Class.class);
      if (argument != null
          && argument.getValue() instanceof Class<?> type
          && type.isAnnotationPresent(WasmModule.class)) {
        types.add(type);
      }
    }
    return types;
  }

  /**
   * The class-path resources of the {@code wasm.modules.*.location} properties, bound as the
   * application will bind them.
   */
  private static Set<String> classpathLocations(ConfigurableListableBeanFactory beanFactory) {
    Set<String> paths = new LinkedHashSet<>();
    // Every application context registers its environment under this name.
    if (!beanFactory.containsBean("environment")) {
      return paths;
    }
    Environment environment = beanFactory.getBean("environment", Environment.class);
    WasmProperties properties =
        Binder.get(environment).bindOrCreate("wasm", WasmProperties.class);
    for (WasmProperties.ModuleProperties module : properties.getModules().values()) {
      Resource location = module.getLocation();
      if (location instanceof ClassPathResource resource) {
        paths.add(resource.getPath());
      }
    }
    return paths;
  }
}
