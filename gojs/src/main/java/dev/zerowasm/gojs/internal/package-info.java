/**
 * Internals of the gojs host: the reference table ({@link dev.zerowasm.gojs.internal.JsRefs}), the
 * emulated JavaScript values ({@link dev.zerowasm.gojs.internal.JsObject} and subclasses), the
 * globals Go reaches ({@link dev.zerowasm.gojs.internal.JsGlobals}, {@code JsFetch}), the guest
 * file system ({@link dev.zerowasm.gojs.internal.GuestFs}), the event loop, the imported functions
 * ({@link dev.zerowasm.gojs.internal.GoJsHost}) and their table for registration and logging
 * ({@link dev.zerowasm.gojs.internal.GoJsFunctions}). Not API.
 */
package dev.zerowasm.gojs.internal;
