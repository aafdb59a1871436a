// The per-call floor of the JavaScript benchmark: an addon function that
// takes one value and returns false, doing nothing.
#include <node.h>

namespace {

void EmptyCall(const v8::FunctionCallbackInfo<v8::Value>& info) { info.GetReturnValue().Set(false); }

void Initialize(v8::Local<v8::Object> exports) { NODE_SET_METHOD(exports, "emptyCall", EmptyCall); }

}  // namespace

NODE_MODULE(empty_call, Initialize)
