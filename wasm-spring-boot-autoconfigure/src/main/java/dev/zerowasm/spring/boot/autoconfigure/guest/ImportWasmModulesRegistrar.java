package dev.zerowasm.spring.boot.autoconfigure.guest;

import java.util.Map;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/** Registers the interfaces listed by {@link ImportWasmModules}. */
final class ImportWasmModulesRegistrar implements ImportBeanDefinitionRegistrar {

  @Override
  public void registerBeanDefinitions(
      AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
    Map<String, Object> attributes =
        metadata.getAnnotationAttributes(ImportWasmModules.class.getName());
    if (attributes == null) {
      return;
    }
    for (Class<?> type : (Class<?>[]) attributes.get("value")) {
      GuestProxyFactoryBean.register(registry, type);
    }
  }
}
