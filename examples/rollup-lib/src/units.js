export const units = ['B', 'kB', 'MB']
