"""The coordinating center's side: root key and signed allocation lists; Qt-free."""
