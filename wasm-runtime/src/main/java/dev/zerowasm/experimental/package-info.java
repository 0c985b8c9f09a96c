/**
 * Experimental APIs that may change: function listeners ({@link
 * dev.zerowasm.experimental.FunctionListenerFactory}, {@link
 * dev.zerowasm.experimental.FunctionListener}) and a logging listener ({@link
 * dev.zerowasm.experimental.LoggingListenerFactory}) that prints every call, like wazero's
 * {@code experimental/logging}.
 */
package dev.zerowasm.experimental;
