package dev.zerowasm.spring.boot.autoconfigure.guest;

import dev.zerowasm.spring.boot.autoconfigure.ModuleRegistry;
import java.util.Objects;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.SmartFactoryBean;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Makes the proxy bean of one {@link WasmModule} interface. It is created eagerly, so every method
 * is checked against its export when the application starts, not on the first call.
 *
 * @param <T> the guest interface
 */
public final class GuestProxyFactoryBean<T> implements SmartFactoryBean<T>, BeanFactoryAware {

  private final Class<T> type;
  private BeanFactory beanFactory;
  private T proxy;

  /** A factory for the proxy of {@code type}. */
  public GuestProxyFactoryBean(Class<T> type) {
    this.type = Objects.requireNonNull(type, "type must not be null");
  }

  /**
   * Registers the proxy of {@code type} under the interface's fully qualified name, unless a bean
   * of that name exists.
   *
   * @throws IllegalArgumentException if {@code type} is not an interface annotated {@link
   *     WasmModule}
   */
  public static void register(BeanDefinitionRegistry registry, Class<?> type) {
    if (!type.isInterface() || !type.isAnnotationPresent(WasmModule.class)) {
      throw new IllegalArgumentException(
          type.getName() + " is not an interface annotated with @WasmModule");
    }
    String beanName = type.getName();
    if (registry.containsBeanDefinition(beanName)) {
      return;
    }
    RootBeanDefinition definition = new RootBeanDefinition(GuestProxyFactoryBean.class);
    definition.getConstructorArgumentValues().addIndexedArgumentValue(0, type);
    // Lets Spring match the bean by the interface before the factory bean is created.
    definition.setAttribute(FactoryBean.OBJECT_TYPE_ATTRIBUTE, type);
    registry.registerBeanDefinition(beanName, definition);
  }

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    this.beanFactory = beanFactory;
  }

  @Override
  public synchronized T getObject() {
    if (proxy == null) {
      proxy = GuestInvocationHandler.createProxy(type, beanFactory.getBean(ModuleRegistry.class));
    }
    return proxy;
  }

  @Override
  public Class<?> getObjectType() {
    return type;
  }

  @Override
  public boolean isEagerInit() {
    return true;
  }
}
