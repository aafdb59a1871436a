%module stock_uset_proxy
%include "stock_uset_common.i"
