package dev.zerowasm.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An immutable set of {@link CoreFeature}s that a runtime accepts when it decodes and validates
 * modules. {@link #V2} is the default; {@link #V1} gives WebAssembly 1.0 semantics, including its
 * link-time checks of data and element segments.
 */
public final class CoreFeatures {
  /** WebAssembly Core 1.0: the MVP plus mutable globals. */
  public static final CoreFeatures V1 = new CoreFeatures(EnumSet.of(CoreFeature.MUTABLE_GLOBAL));

  /**
   * WebAssembly Core 2.0: 1.0 plus sign-extension operators, non-trapping float-to-int
   * conversions, multi-value, bulk memory, reference types and SIMD. Later features ({@link
   * CoreFeature#EXTENDED_CONST}) are added with {@link #with}.
   */
  public static final CoreFeatures V2 =
      new CoreFeatures(
          EnumSet.of(
              CoreFeature.MUTABLE_GLOBAL,
              CoreFeature.SIGN_EXTENSION_OPS,
              CoreFeature.NON_TRAPPING_FLOAT_TO_INT,
              CoreFeature.MULTI_VALUE,
              CoreFeature.BULK_MEMORY,
              CoreFeature.REFERENCE_TYPES,
              CoreFeature.SIMD));

  private final Set<CoreFeature> features;

  private CoreFeatures(EnumSet<CoreFeature> features) {
    this.features = Collections.unmodifiableSet(features);
  }

  /** A set holding exactly the given features. */
  public static CoreFeatures of(CoreFeature... features) {
    EnumSet<CoreFeature> set = EnumSet.noneOf(CoreFeature.class);
    Collections.addAll(set, features);
    return new CoreFeatures(set);
  }

  /**
   * The set a name stands for, as configuration files and command lines write it: {@code v1} or
   * {@code v2} (case-insensitive), or one feature in lower case with dashes ({@code tail-call})
   * or as its enum constant ({@code TAIL_CALL}).
   *
   * @throws IllegalArgumentException for any other name; {@link #names()} lists the valid ones
   */
  public static CoreFeatures named(String name) {
    String n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    if (n.equals("V1")) {
      return V1;
    }
    if (n.equals("V2")) {
      return V2;
    }
    try {
      return of(CoreFeature.valueOf(n));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown core feature \"" + name + "\" (expected one of " + String.join(", ", names())
              + ")",
          e);
    }
  }

  /** The names {@link #named} accepts: {@code v1}, {@code v2}, then every feature, dashed. */
  public static List<String> names() {
    List<String> names = new ArrayList<>(List.of("v1", "v2"));
    for (CoreFeature f : CoreFeature.values()) {
      names.add(f.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    return List.copyOf(names);
  }

  /** The union of this set and {@code other}. */
  public CoreFeatures with(CoreFeatures other) {
    EnumSet<CoreFeature> set = copy();
    set.addAll(other.features);
    return new CoreFeatures(set);
  }

  /** Whether {@code feature} is enabled. */
  public boolean contains(CoreFeature feature) {
    return features.contains(feature);
  }

  /** A copy of this set with {@code feature} enabled. */
  public CoreFeatures with(CoreFeature feature) {
    EnumSet<CoreFeature> set = copy();
    set.add(feature);
    return new CoreFeatures(set);
  }

  /** A copy of this set with {@code feature} disabled. */
  public CoreFeatures without(CoreFeature feature) {
    EnumSet<CoreFeature> set = copy();
    set.remove(feature);
    return new CoreFeatures(set);
  }

  /**
   * Whether this set gives WebAssembly 2.0 instantiation semantics (segments applied in order and
   * trapping when out of bounds) rather than 1.0's (all bounds checked at link time first). 2.0
   * semantics come with bulk memory.
   */
  public boolean hasV2InstantiationSemantics() {
    return features.contains(CoreFeature.BULK_MEMORY);
  }

  /** The enabled features, unmodifiable. */
  public Set<CoreFeature> asSet() {
    return features;
  }

  private EnumSet<CoreFeature> copy() {
    return features.isEmpty() ? EnumSet.noneOf(CoreFeature.class) : EnumSet.copyOf(features);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CoreFeatures && ((CoreFeatures) o).features.equals(features);
  }

  @Override
  public int hashCode() {
    return features.hashCode();
  }

  @Override
  public String toString() {
    if (equals(V2)) {
      return "V2";
    }
    if (equals(V1)) {
      return "V1";
    }
    return features.toString();
  }
}
