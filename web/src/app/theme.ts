// Light theme for work pages: an official blue, the seal red for the brand mark, a CJK-first font stack.
import type { ThemeConfig } from 'antd';

export const BRAND_RED = '#c8102e';
export const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif";

export const theme: ThemeConfig = {
  token: { colorPrimary: '#1a56c4', colorInfo: '#1a56c4', borderRadius: 6, fontFamily: FONT, colorBgLayout: '#f3f5f9' },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerPadding: '0 20px', headerHeight: 56 },
    Menu: { itemMarginInline: 8, itemBorderRadius: 6 },
    Table: { headerBg: '#f7f8fa' },
  },
};
