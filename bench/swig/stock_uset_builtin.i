%module stock_uset_builtin
%include "stock_uset_common.i"
