/// <reference types="vite/client" />
/// <reference types="mhn-widgets/react/jsx" />
