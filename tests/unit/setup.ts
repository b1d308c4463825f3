// Shared setup of the unit layer. Component tests opt into jsdom per file.
export {};
