// Moved to ui/ so the public site's virtual reception shares it.
export * from '../ui/officialSearch.js';
