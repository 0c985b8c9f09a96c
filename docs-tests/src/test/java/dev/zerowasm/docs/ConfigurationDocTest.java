package dev.zerowasm.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zerowasm.spring.boot.autoconfigure.WasmProperties;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.core.ResolvableType;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.io.Resource;

/**
 * docs/configuration.md's table is the starter's configuration, so it cannot drift.
 *
 * <p>The properties come from two places. The configuration metadata that the annotation processor
 * generates ({@code META-INF/spring-configuration-metadata.json} of wasm-spring-boot-autoconfigure)
 * lists every property with its type and simple defaults, but stops at maps of objects: it has
 * {@code wasm.modules} and nothing under it. So the test also walks {@link WasmProperties} the way
 * Spring's binder does (JavaBean properties, kebab-case names, {@code <name>} for map keys, {@code
 * [i]} for list indexes) and takes each default from a freshly constructed object. Every metadata
 * property must be found by that walk (so the walk is not missing anything), and the page's table
 * must have exactly the walked properties, each with the right type name and default.
 */
class ConfigurationDocTest {
  private static final Pattern ROW =
      Pattern.compile("^\\| `(wasm\\.[^`]+)` \\| ([^|]+) \\| ([^|]*) \\| (.+) \\|$");
  private static final Pattern CODE = Pattern.compile("`([^`]*)`");

  /** A documented row: property, type cell, default cell. */
  record Row(String name, String type, String defaultCell, String description) {}

  /** A property found by walking the classes: its type and default (null when unset). */
  record Property(String name, ResolvableType type, Object defaultValue) {}

  @Test
  void theTableListsEveryPropertyWithItsTypeAndDefault() {
    Map<String, Property> properties = new LinkedHashMap<>();
    walk("wasm", WasmProperties.class, new WasmProperties(), properties);
    Map<String, Row> rows = rows();

    assertThat(rows.keySet())
        .as("docs/configuration.md documents exactly the properties of WasmProperties")
        .containsExactlyInAnyOrderElementsOf(properties.keySet());
    ConversionService conversion = ApplicationConversionService.getSharedInstance();
    for (Property property : properties.values()) {
      Row row = rows.get(property.name());
      assertThat(row.type().strip())
          .as("type of %s", property.name())
          .isEqualTo(typeName(property.type()));
      assertThat(row.description()).as("description of %s", property.name()).isNotBlank();
      Matcher code = CODE.matcher(row.defaultCell());
      Object unset = empty(property.defaultValue()) ? null : property.defaultValue();
      if (!code.find()) {
        assertThat(unset)
            .as("%s is documented as unset but defaults to %s", property.name(), unset)
            .isNull();
      } else {
        Object documented =
            conversion.convert(
                code.group(1),
                TypeDescriptor.valueOf(String.class),
                new TypeDescriptor(property.type(), null, null));
        assertThat(documented)
            .as("default of %s (documented `%s`)", property.name(), code.group(1))
            .isEqualTo(property.defaultValue());
      }
    }
  }

  @Test
  void theWalkFindsEveryPropertyOfTheMetadata() throws IOException {
    List<Map<String, Object>> metadata = metadataProperties();
    assertThat(metadata).as("the starter's configuration metadata").isNotEmpty();
    Map<String, Property> properties = new LinkedHashMap<>();
    walk("wasm", WasmProperties.class, new WasmProperties(), properties);
    for (Map<String, Object> entry : metadata) {
      String name = (String) entry.get("name");
      if (name.equals("wasm.modules")) {
        // A map of objects: the walk documents what is under it, wasm.modules.<name>.*.
        assertThat(properties.keySet()).anyMatch(p -> p.startsWith("wasm.modules.<name>."));
        continue;
      }
      assertThat(properties).as("metadata property %s", name).containsKey(name);
      if (entry.containsKey("defaultValue")) {
        Object metadataDefault = entry.get("defaultValue");
        Object walked = properties.get(name).defaultValue();
        assertThat(String.valueOf(metadataDefault).replaceAll("[\\[\\]]", ""))
            .as("metadata default of %s", name)
            .isEqualTo(
                walked instanceof Collection<?> c
                    ? c.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    : String.valueOf(walked));
      }
    }
  }

  /** Adds the properties of {@code type} (values of {@code instance}) under {@code prefix}. */
  private static void walk(
      String prefix, Class<?> type, Object instance, Map<String, Property> into) {
    for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
      if (descriptor.getReadMethod() == null || descriptor.getName().equals("class")) {
        continue;
      }
      String name = prefix + "." + kebab(descriptor.getName());
      ResolvableType propertyType = ResolvableType.forMethodReturnType(descriptor.getReadMethod());
      Object value = instance == null ? null : invoke(descriptor, instance);
      Class<?> raw = propertyType.resolve(Object.class);
      if (Map.class.isAssignableFrom(raw) && !isLeaf(propertyType.getGeneric(1))) {
        Class<?> element = propertyType.getGeneric(1).resolve();
        walk(name + ".<name>", element, BeanUtils.instantiateClass(element), into);
      } else if (List.class.isAssignableFrom(raw) && !isLeaf(propertyType.getGeneric(0))) {
        Class<?> element = propertyType.getGeneric(0).resolve();
        walk(name + "[i]", element, BeanUtils.instantiateClass(element), into);
      } else if (isLeaf(propertyType) || Collection.class.isAssignableFrom(raw)
          || Map.class.isAssignableFrom(raw)) {
        into.put(name, new Property(name, propertyType, value));
      } else {
        walk(name, raw, value, into); // a nested group such as wasm.runtime
      }
    }
  }

  private static Object invoke(PropertyDescriptor descriptor, Object instance) {
    try {
      return descriptor.getReadMethod().invoke(instance);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static boolean isLeaf(ResolvableType type) {
    Class<?> raw = type.resolve(Object.class);
    return raw.isPrimitive()
        || raw.isEnum()
        || raw.getName().startsWith("java.lang.")
        || raw == Duration.class
        || raw == Path.class
        || Resource.class.isAssignableFrom(raw);
  }

  /** The name the page uses for a property's type. */
  static String typeName(ResolvableType type) {
    Class<?> raw = type.resolve(Object.class);
    if (raw.isEnum()) {
      List<String> values = new ArrayList<>();
      for (Object constant : raw.getEnumConstants()) {
        values.add("`" + ((Enum<?>) constant).name().toLowerCase(Locale.ROOT) + "`");
      }
      return "enum: " + String.join(", ", values);
    }
    if (List.class.isAssignableFrom(raw)) {
      return "list of " + typeName(type.getGeneric(0)) + "s";
    }
    if (Map.class.isAssignableFrom(raw)) {
      return "map of " + typeName(type.getGeneric(1)) + "s";
    }
    if (raw == String.class) {
      return "string";
    }
    if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
      return "integer";
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return "boolean";
    }
    if (raw == Duration.class) {
      return "duration";
    }
    if (raw == Path.class) {
      return "path";
    }
    if (Resource.class.isAssignableFrom(raw)) {
      return "resource";
    }
    throw new AssertionError("no documented type name for " + type);
  }

  private static boolean empty(Object value) {
    return value == null
        || (value instanceof Collection<?> c && c.isEmpty())
        || (value instanceof Map<?, ?> m && m.isEmpty());
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /** The rows of the page's table, by property. */
  static Map<String, Row> rows() {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String line : Docs.lines(Docs.page("configuration.md"))) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        Row previous =
            rows.put(m.group(1), new Row(m.group(1), m.group(2), m.group(3), m.group(4)));
        assertThat(previous).as("%s documented twice", m.group(1)).isNull();
      } else {
        assertThat(line).as("a table row the test cannot read").doesNotStartWith("| `wasm.");
      }
    }
    return rows;
  }

  /** The wasm.* entries of every configuration metadata file on the class path. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> metadataProperties() throws IOException {
    List<Map<String, Object>> result = new ArrayList<>();
    for (URL url :
        Collections.list(
            ConfigurationDocTest.class
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
      String json;
      try (InputStream in = url.openStream()) {
        json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Object properties = JsonParserFactory.getJsonParser().parseMap(json).get("properties");
      for (Object entry : (List<Object>) Objects.requireNonNullElse(properties, List.of())) {
        Map<String, Object> map = (Map<String, Object>) entry;
        if (((String) map.get("name")).startsWith("wasm.")) {
          result.add(map);
        }
      }
    }
    return result;
  }
}
