// The grammar lives in src/shared so the page's Explore view reads an expression exactly as search does.
export * from '../../../shared/query/parseQueryArithmetic';
