package dev.zerowasm.spring.boot.autoconfigure.guest;

import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Finds the {@link WasmModule} interfaces in the application's auto-configuration packages (those
 * of its {@code @SpringBootApplication} class), as Spring Data finds repositories, and registers a
 * proxy bean for each one not already registered (for example by {@link ImportWasmModules}).
 * Scanning is off when {@code wasm.guest-interfaces.scan} is false.
 */
public final class GuestInterfaceScanRegistrar
    implements ImportBeanDefinitionRegistrar,
        BeanFactoryAware,
        EnvironmentAware,
        ResourceLoaderAware {

  private BeanFactory beanFactory;
  private Environment environment;
  private ResourceLoader resourceLoader;

  /** Called by Spring. */
  public GuestInterfaceScanRegistrar() {}

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    this.beanFactory = beanFactory;
  }

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void setResourceLoader(ResourceLoader resourceLoader) {
    this.resourceLoader = resourceLoader;
  }

  @Override
  public void registerBeanDefinitions(
      AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
    if (!AutoConfigurationPackages.has(beanFactory)
        || !environment.getProperty("wasm.guest-interfaces.scan", Boolean.class, true)) {
      return;
    }
    List<String> packages = AutoConfigurationPackages.get(beanFactory);
    // The default provider skips interfaces; guest interfaces are nothing but interfaces.
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false, environment) {
          @Override
          protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
            return definition.getMetadata().isInterface()
                && definition.getMetadata().isIndependent();
          }
        };
    scanner.setResourceLoader(resourceLoader);
    scanner.addIncludeFilter(new AnnotationTypeFilter(WasmModule.class, true, false));
    ClassLoader classLoader =
        resourceLoader.getClassLoader() != null
            ? resourceLoader.getClassLoader()
            : ClassUtils.getDefaultClassLoader();
    for (String basePackage : packages) {
      for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
        Class<?> type;
        try {
          type = ClassUtils.forName(candidate.getBeanClassName(), classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
          throw new IllegalStateException(
              "cannot load guest interface " + candidate.getBeanClassName(), e);
        }
        GuestProxyFactoryBean.register(registry, type);
      }
    }
  }
}
