import {
  BarChartOutlined, ClusterOutlined, CustomerServiceOutlined, FileTextOutlined, FlagOutlined, LineChartOutlined, ProjectOutlined,
} from '@ant-design/icons';
import type { ModuleId } from '../../locales/zh-CN/modules';
import type { MessageKey } from '../../locales/zh-CN';

export const MODULE_META: Record<ModuleId, { label: MessageKey; icon: typeof FlagOutlined; color: string; path: string }> = {
  tasks: { label: 'menu.tasks', icon: FlagOutlined, color: '#c8102e', path: '/tasks' },
  projects: { label: 'menu.projects', icon: ProjectOutlined, color: '#1a56c4', path: '/projects' },
  mu: { label: 'menu.mu', icon: BarChartOutlined, color: '#389e0d', path: '/mu' },
  chains: { label: 'menu.chains', icon: ClusterOutlined, color: '#d46b08', path: '/chains' },
  demands: { label: 'menu.demands', icon: CustomerServiceOutlined, color: '#08979c', path: '/demands' },
  economy: { label: 'menu.economy', icon: LineChartOutlined, color: '#531dab', path: '/economy' },
  reports: { label: 'menu.reports', icon: FileTextOutlined, color: '#595959', path: '/reports' },
};
